/**
 * Rectangles over a viewer's page — extracted fields, search hits — given in page pixels and
 * drawn in viewport pixels. They are placed on every frame the viewer writes (not scaled with the
 * stage), so their borders stay crisp and 2 px wide at any zoom while moving with the page.
 */
import type { PageBox } from '../viewer/transform.ts';
import type { PanZoom } from '../viewer/usePanZoom.ts';
import { usePlacedBoxes } from '../viewer/usePlacedBoxes.ts';

export type BoxTone = 'field' | 'warn' | 'corrected' | 'selected' | 'hit';

export interface OverlayBox {
  id: string;
  box: PageBox;
  tone: BoxTone;
  /** Short tag shown above the box (the selected field's label). */
  label?: string;
}

/** Breathing room around a box so its border does not cover the text it marks. */
const PAD = 3;

export function BoxOverlay({ boxes, panZoom, testId }: { boxes: OverlayBox[]; panZoom: PanZoom; testId: string }) {
  const rootRef = usePlacedBoxes(panZoom, boxes, { pad: PAD, flipLabels: true });

  return (
    <div ref={rootRef} className="box-overlay" aria-hidden="true" data-testid={testId}>
      {boxes.map((b) => (
        <div key={b.id} className={`ov-box ov-${b.tone}`} data-testid={`${testId}-box`} data-box-id={b.id} data-tone={b.tone}>
          {b.label && <span className="ov-label">{b.label}</span>}
        </div>
      ))}
    </div>
  );
}
