// What a resource command acts on: the tree selection (a compose project means its containers, an
// image repository all its tags), or, from the palette, a quick pick.
import type { Engine } from '../engine/engine';
import { ContainerState, ContainerSummary, ImageSummary } from '../engine/models';
import { PickTexts, targetsOrPick } from '../ui/pick';
import { groupImages, imageDescription } from './format';
import { ComposeProjectItem, ContainerItem, ImageRepositoryItem, ImageTagItem } from './items';

const isContainerItem = (x: unknown): x is ContainerItem => x instanceof ContainerItem;

/** The containers a command acts on: tree selection, or a quick pick of those in `states`. */
export async function containerTargets(engine: Engine, args: unknown[], texts: PickTexts, states?: ContainerState[], many = true): Promise<ContainerSummary[]> {
  const [clicked] = args;
  if (clicked instanceof ComposeProjectItem) return clicked.containers.map((c) => c.container);
  return targetsOrPick(args, isContainerItem, (i) => i.container, async () => (await engine.listContainers())
    .filter((c) => !states || states.includes(c.state))
    .map((c) => ({ label: c.name, description: `${c.image} · ${c.status}`, value: c })), texts, many);
}

export interface ImageTarget {
  /** "repo:tag", or the image id for a dangling image. */
  ref: string;
  image: ImageSummary;
}

const isTagItem = (x: unknown): x is ImageTagItem => x instanceof ImageTagItem;

/** The images a command acts on: tree selection (a repository means all its tags), or a quick pick. */
export async function imageTargets(engine: Engine, args: unknown[], texts: PickTexts, many = true): Promise<ImageTarget[]> {
  const [clicked] = args;
  if (clicked instanceof ImageRepositoryItem) {
    return (clicked.children ?? []).filter(isTagItem).map((t) => ({ ref: t.ref, image: t.image }));
  }
  return targetsOrPick(args, isTagItem, (t) => ({ ref: t.ref, image: t.image }), async () => groupImages(await engine.listImages()).flatMap((g) =>
    g.tags.map((t) => ({ label: g.repository === '<none>' ? `<none> (${t.tag})` : t.ref, description: imageDescription(t.image), value: { ref: t.ref, image: t.image } }))), texts, many);
}

