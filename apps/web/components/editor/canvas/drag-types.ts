// What the palette puts on an HTML5 drag and the canvas accepts on drop.
export const CLASS_MIME = 'application/colo-class';
export const ASSEMBLY_MIME = 'application/colo-assembly';
/** A user's assembly: dropped as one box (`class: <id>@<latest>`). */
export const BOX_MIME = 'application/colo-box';
