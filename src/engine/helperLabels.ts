// Labels of the short-lived helper containers Dockyard makes (reading volumes, listing stopped
// containers' folders). Pure: the views use it to hide helpers and ignore their events.
export const HELPER_LABEL = 'dockyard.helper';
export type HelperKind = 'volume-browser' | 'file-lister';

/** Whether a container (by its labels, or an event's attributes) is one of Dockyard's helpers. */
export function isHelperContainer(labels: Record<string, string>): boolean {
  const v = labels[HELPER_LABEL];
  return v === 'volume-browser' || v === 'file-lister';
}
