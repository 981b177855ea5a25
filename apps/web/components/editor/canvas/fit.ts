// Where drawings may sit when the editor frames them: clear of the zoom controls (bottom left)
// and the minimap (bottom right), so no box or handle ends up under an overlay.
export const FIT_PADDING = { top: '32px', left: '40px', right: '40px', bottom: '136px' } as const;
export const FIT_INSET = { top: 32, left: 40, right: 40, bottom: 136 };
export const MINIMAP_SIZE = { width: 168, height: 104 };
