// Whether the palette and the inspector are shown. A user's own choice (a toggle) is kept in
// localStorage and wins; without one, both collapse on a window narrower than WIDE_MIN so the
// canvas keeps most of a small screen, and both show on a wider one.
import { z } from 'zod';

export type SidePanel = 'palette' | 'inspector';

/** Below this window width an unchosen panel starts collapsed (1024-wide laptops and tablets). */
export const WIDE_MIN = 1200;

export const LAYOUT_KEY = 'colo.editor.layout';

const choiceSchema = z.object({ palette: z.boolean().optional(), inspector: z.boolean().optional() });
export type PanelChoice = z.infer<typeof choiceSchema>;

/** What was stored, or nothing chosen when it is missing or not ours (a hand-edited key). */
export function parseChoice(raw: string | null): PanelChoice {
  if (!raw) return {};
  try {
    const parsed = choiceSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function panelOpen(choice: PanelChoice, panel: SidePanel, windowWidth: number): boolean {
  return choice[panel] ?? windowWidth >= WIDE_MIN;
}

/** The choice after a toggle: the panel flips from what the user saw, and that is remembered. */
export function toggled(choice: PanelChoice, panel: SidePanel, windowWidth: number): PanelChoice {
  return { ...choice, [panel]: !panelOpen(choice, panel, windowWidth) };
}
