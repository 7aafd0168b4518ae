/**
 * Names shared by the Electron main process and the preload script. Kept free of imports:
 * the sandboxed preload may require nothing but `electron`.
 */
export const IPC_CHANNELS = { call: 'od:call', event: 'od:event' } as const;
/** Custom scheme the Electron renderer loads page images from. */
export const PAGE_IMAGE_SCHEME = 'od-page';
