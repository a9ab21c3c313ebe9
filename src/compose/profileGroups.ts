// Which profile group each container of a compose project shows under in the Containers view:
// services with no profile stay under the project; each profile the files define gets a group
// (also when none of its containers exist, so that it can be brought up). Pure (no vscode).

export interface ProfileGroup<T> {
  profile: string;
  /** The profile's services, as the files list them. */
  services: string[];
  containers: T[];
}

export interface ProfileLayout<T> {
  /** Containers of services without a profile (and of services the files no longer name). */
  plain: T[];
  /** One per profile, A→Z; a service in two profiles shows in both. */
  profiles: ProfileGroup<T>[];
}

/** Groups containers by the profiles of their services; undefined when the files define no profile. */
export function layoutByProfile<T>(containers: T[], serviceOf: (c: T) => string | undefined, profilesOf: ReadonlyMap<string, readonly string[]>): ProfileLayout<T> | undefined {
  const byProfile = new Map<string, ProfileGroup<T>>();
  for (const [service, profiles] of profilesOf) {
    for (const p of profiles) {
      let g = byProfile.get(p);
      if (!g) byProfile.set(p, g = { profile: p, services: [], containers: [] });
      g.services.push(service);
    }
  }
  if (!byProfile.size) return undefined;
  const plain: T[] = [];
  for (const c of containers) {
    const service = serviceOf(c);
    const profiles = service === undefined ? undefined : profilesOf.get(service);
    if (!profiles?.length) { plain.push(c); continue; }
    for (const p of profiles) byProfile.get(p)!.containers.push(c);
  }
  return { plain, profiles: [...byProfile.values()].sort((a, b) => a.profile.localeCompare(b.profile)) };
}
