#!/usr/bin/env node
// Moves the user-visible strings of package.json into package.nls.json and leaves `%key%` in their
// place: the extension's display name and description, command titles and categories, the view
// container and view names, welcome texts, the configuration title and every setting's
// description / markdownDescription / enumDescriptions / markdownEnumDescriptions /
// deprecationMessage. Idempotent: strings already written as `%key%` are left alone, so after a
// merge that adds commands or settings with English text, run it again and then translate the new
// keys in package.nls.zh-cn.json (it lists the keys that have no translation yet).
//
//   node scripts/nls-manifest.mjs          rewrite package.json and package.nls.json
//   node scripts/nls-manifest.mjs --check  exit 1 if a string would be moved (nothing written)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkgPath = path.join(root, 'package.json');
const nlsPath = path.join(root, 'package.nls.json');
const zhPath = path.join(root, 'package.nls.zh-cn.json');
const check = process.argv.includes('--check');

const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
const nls = fs.existsSync(nlsPath) ? JSON.parse(fs.readFileSync(nlsPath, 'utf8')) : {};
const moved = [];

/** Replace obj[prop] (a literal string) by %key% and remember the English text. */
function move(obj, prop, key) {
  const v = obj?.[prop];
  if (typeof v !== 'string' || /^%[^%]+%$/.test(v)) return;
  if (key in nls && nls[key] !== v) throw new Error(`${key}: already in package.nls.json with another text`);
  nls[key] = v;
  obj[prop] = `%${key}%`;
  moved.push(key);
}
const short = (id) => id.replace(/^dockyard\./, '');
const slug = (s) => s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();

move(pkg, 'displayName', 'extension.displayName');
move(pkg, 'description', 'extension.description');
const c = pkg.contributes ?? {};
for (const cmd of c.commands ?? []) {
  move(cmd, 'title', `command.${short(cmd.command)}`);
  move(cmd, 'shortTitle', `command.${short(cmd.command)}.short`);
  // One category for all: they are all "Dockyard".
  move(cmd, 'category', cmd.category === 'Dockyard' ? 'category.dockyard' : `command.${short(cmd.command)}.category`);
}
for (const [where, list] of Object.entries(c.viewsContainers ?? {})) {
  for (const vc of list) move(vc, 'title', `viewContainer.${where}.${short(vc.id) || 'dockyard'}`);
}
for (const list of Object.values(c.views ?? {})) {
  for (const v of list) {
    move(v, 'name', `view.${short(v.id)}`);
    move(v, 'contextualTitle', v.contextualTitle === 'Dockyard' ? 'viewContainer.activitybar.dockyard' : `view.${short(v.id)}.contextualTitle`);
  }
}
// Welcome contents have no id: key them by view and by the state their `when` clause names.
const seen = new Map();
for (const w of c.viewsWelcome ?? []) {
  const state = slug((w.when ?? 'default').replace(/dockyard\.|==|&&|\|\||!|workspaceFolderCount|engineState|engineError/g, ' ')) || 'default';
  let key = `welcome.${short(w.view)}.${state}`;
  const n = (seen.get(key) ?? 0) + 1;
  seen.set(key, n);
  if (n > 1) key += `.${n}`;
  move(w, 'contents', key);
}
const configs = Array.isArray(c.configuration) ? c.configuration : c.configuration ? [c.configuration] : [];
for (const conf of configs) {
  move(conf, 'title', 'config.title');
  for (const [name, p] of Object.entries(conf.properties ?? {})) {
    const k = `config.${short(name)}`;
    move(p, 'description', `${k}.description`);
    move(p, 'markdownDescription', `${k}.markdownDescription`);
    move(p, 'deprecationMessage', `${k}.deprecationMessage`);
    move(p, 'markdownDeprecationMessage', `${k}.markdownDeprecationMessage`);
    for (const prop of ['enumDescriptions', 'markdownEnumDescriptions']) {
      if (!Array.isArray(p[prop])) continue;
      p[prop].forEach((_, i) => move(p[prop], i, `${k}.${prop}.${p.enum?.[i] ?? i}`));
    }
    for (const [sub, sp] of Object.entries(p.properties ?? {})) {
      move(sp, 'description', `${k}.${sub}.description`);
      move(sp, 'markdownDescription', `${k}.${sub}.markdownDescription`);
    }
    if (p.items && typeof p.items === 'object') {
      for (const [sub, sp] of Object.entries(p.items.properties ?? {})) {
        move(sp, 'description', `${k}.items.${sub}.description`);
        move(sp, 'markdownDescription', `${k}.items.${sub}.markdownDescription`);
      }
    }
  }
}
for (const wt of c.walkthroughs ?? []) {
  move(wt, 'title', `walkthrough.${wt.id}.title`);
  move(wt, 'description', `walkthrough.${wt.id}.description`);
  for (const st of wt.steps ?? []) {
    move(st, 'title', `walkthrough.${wt.id}.${st.id}.title`);
    move(st, 'description', `walkthrough.${wt.id}.${st.id}.description`);
  }
}

if (check) {
  if (moved.length) {
    console.error(`package.json has ${moved.length} literal user-visible strings: ${moved.join(', ')}\nRun node scripts/nls-manifest.mjs`);
    process.exit(1);
  }
} else if (moved.length) {
  fs.writeFileSync(pkgPath, JSON.stringify(pkg, null, 2) + '\n');
  fs.writeFileSync(nlsPath, JSON.stringify(nls, null, 2) + '\n');
  console.log(`moved ${moved.length} strings into package.nls.json`);
}
const zh = fs.existsSync(zhPath) ? JSON.parse(fs.readFileSync(zhPath, 'utf8')) : {};
const missing = Object.keys(nls).filter((k) => !(k in zh));
if (missing.length) console.log(`package.nls.zh-cn.json lacks ${missing.length} keys:\n  ${missing.join('\n  ')}`);
