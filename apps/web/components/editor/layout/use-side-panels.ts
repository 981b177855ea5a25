'use client';
// The palette's and the inspector's shown/collapsed state for the editor: the user's toggles,
// remembered in localStorage, else the window's width (side-panels.ts). A window resized across
// WIDE_MIN re-decides the panels the user has not chosen for.
import { useCallback, useState, useSyncExternalStore } from 'react';
import { LAYOUT_KEY, type PanelChoice, panelOpen, parseChoice, type SidePanel, toggled, WIDE_MIN } from './side-panels';

const WIDE_QUERY = `(min-width: ${WIDE_MIN}px)`;

function subscribeWidth(listener: () => void): () => void {
  const query = window.matchMedia(WIDE_QUERY);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

// Only which side of WIDE_MIN matters, so a resize re-renders the editor once, not every pixel.
const widthNow = () => (window.matchMedia(WIDE_QUERY).matches ? WIDE_MIN : WIDE_MIN - 1);
const widthOnServer = () => WIDE_MIN;

function storedChoice(): PanelChoice {
  try {
    return parseChoice(localStorage.getItem(LAYOUT_KEY));
  } catch {
    return {}; // storage refused (a locked-down browser): nothing remembered, nothing broken
  }
}

export interface SidePanels {
  palette: boolean;
  inspector: boolean;
  toggle: (panel: SidePanel) => void;
}

export function useSidePanels(): SidePanels {
  const width = useSyncExternalStore(subscribeWidth, widthNow, widthOnServer);
  const [choice, setChoice] = useState<PanelChoice>(storedChoice);
  const toggle = useCallback(
    (panel: SidePanel) => {
      const next = toggled(choice, panel, width);
      setChoice(next);
      try {
        localStorage.setItem(LAYOUT_KEY, JSON.stringify(next));
      } catch {
        /* not remembered; the toggle still applies to this page */
      }
    },
    [choice, width],
  );
  return { palette: panelOpen(choice, 'palette', width), inspector: panelOpen(choice, 'inspector', width), toggle };
}
