// Sizes and rates as people read them, in binary units, on every page (nodes, metrics, overview,
// history). One rounding rule for all: whole bytes below 1 KiB; one decimal below 100 of a unit
// (`1.5 KiB`, `25.0 MiB`); none from 100 up (`256 MiB`): three figures at most, so columns of
// numbers stay short and one size reads the same wherever it is shown.

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 1536 → `1.5 KiB`; a negative or non-finite value (no measure) → `–`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 || value >= 100 ? 0 : 1)} ${UNITS[unit]}`;
}
