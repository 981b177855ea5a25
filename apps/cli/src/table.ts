// Plain-text tables for list output: columns padded to their widest cell, two spaces apart,
// the last column left ragged so long text (errors, descriptions) is not followed by blanks.

export function renderTable(headers: string[], rows: (string | number | null | undefined)[][]): string[] {
  const cells = [headers, ...rows.map((row) => headers.map((_, i) => cell(row[i])))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => width(row[i]))));
  return cells.map((row) =>
    row
      .map((value, i) => (i === row.length - 1 ? value : value + ' '.repeat(widths[i] - width(value))))
      .join('  ')
      .trimEnd(),
  );
}

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '-';
  // A cell is one line, whatever the server sent.
  return String(value).replace(/\s*\n\s*/g, ' ');
}

/** Characters, not UTF-16 units, so arrows and ticks line up. */
function width(text: string): number {
  return [...text].length;
}
