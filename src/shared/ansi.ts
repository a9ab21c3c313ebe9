// The terminal colours Dockyard writes (banners, build output, program lines): one set of codes.
export const DIM = '\x1b[2m';
export const BOLD = '\x1b[1m';
export const RED = '\x1b[31m';
export const GREEN = '\x1b[32m';
export const YELLOW = '\x1b[33m';
export const RESET = '\x1b[0m';
