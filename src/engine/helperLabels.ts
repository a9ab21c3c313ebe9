// Labels of the short-lived helper containers Dockyard makes (volume browsing). Pure: the views
// use it to hide helpers and ignore their events.
export const VOLUME_HELPER_LABEL = 'dockyard.helper';
export const VOLUME_HELPER_VALUE = 'volume-browser';

/** Whether a container (by its labels, or an event's attributes) is a volume browser's helper. */
export function isVolumeHelper(labels: Record<string, string>): boolean {
  return labels[VOLUME_HELPER_LABEL] === VOLUME_HELPER_VALUE;
}
