/**
 * Regenerates the demo specimen library (assets/demo/specimens/): reference impressions of the
 * seals and officers' signatures of two fictitious issuing offices, as an exchange-of-specimens
 * sheet would hold them. Each impression is drawn with its own rotation and ink load (no two
 * impressions alike), rendered at 300 dpi like a scanned sheet, cropped, and listed in
 * specimens.json with its owner.
 *
 *   node --import tsx assets/demo/make-specimens.ts
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import type { DemoOwner } from '../../desk/demo.ts';
import { renderDocument } from '../../desk/ingest/render.ts';
import type { SealSpec } from '../../desk/forensics/synth/seals.ts';
import { A4, drawSignature } from './draw.ts';
import { NINGBO_SEAL, SHANGHAI_SEAL, sealImpressionPng } from './seals.ts';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'specimens');
const DPI = 300;
const pt2px = (pt: number) => (pt * DPI) / 72;

interface Impression {
  file: string;
  /** Box on the sheet in PDF points (x, y from the top-left). */
  box: [number, number, number, number];
  draw(page: import('pdf-lib').PDFPage): void | Promise<void>;
}

type OwnerSpec = Omit<DemoOwner, 'specimens'> & { impressions: Impression[] };

/** A reference impression of a demo seal (careful, near-upright, like an exchange-of-specimens sheet). */
function seal(file: string, col: number, row: number, spec: SealSpec, rotation: number): Impression {
  const cx = 110 + col * 140;
  const top = 80 + row * 150;
  return {
    file,
    box: [cx - 62, top - 8, 124, 124],
    draw: async (page) => {
      const imp = await sealImpressionPng(spec, file, 'specimen', rotation);
      const img = await page.doc.embedPng(imp.png);
      const w = (imp.widthMm * 72) / 25.4;
      const h = (imp.heightMm * 72) / 25.4;
      page.drawImage(img, { x: cx - w / 2, y: A4[1] - (top + 54) - h / 2, width: w, height: h });
    },
  };
}

function signature(file: string, col: number, row: number, seed: number, variant: number, rotation: number): Impression {
  const x = 60 + col * 140;
  const top = 80 + row * 150;
  return {
    file,
    box: [x - 12, top + 14, 112, 58],
    draw: (page) => drawSignature(page, { x, y: A4[1] - (top + 28), w: 80, h: 28, seed, variant, rotation }),
  };
}


export const owners: OwnerSpec[] = [
  {
    kind: 'stamp',
    country: 'CN',
    authority: 'Ningbo Customs of the P.R. China',
    office: 'C/O special seal (3100)',
    signatory: '',
    validFrom: '2024-01-01',
    validTo: null,
    notes: 'Demo specimens: exchange of specimen impressions, circular DEMO-2024-03.',
    impressions: [
      seal('ningbo-seal-1.png', 0, 0, NINGBO_SEAL, 0),
      seal('ningbo-seal-2.png', 1, 0, NINGBO_SEAL, 2),
      seal('ningbo-seal-3.png', 2, 0, NINGBO_SEAL, -3),
    ],
  },
  {
    kind: 'stamp',
    country: 'CN',
    authority: 'Shanghai Customs of the P.R. China',
    office: 'C/O special seal (2200)',
    signatory: '',
    validFrom: '2024-01-01',
    validTo: null,
    notes: 'Demo specimens.',
    impressions: [
      seal('shanghai-seal-1.png', 0, 1, SHANGHAI_SEAL, 1),
      seal('shanghai-seal-2.png', 1, 1, SHANGHAI_SEAL, -2),
    ],
  },
  {
    kind: 'signature',
    country: 'CN',
    authority: 'Ningbo Customs of the P.R. China',
    office: 'Certificate of origin section',
    signatory: 'Chen Wei (officer 3100)',
    validFrom: '2024-01-01',
    validTo: null,
    notes: 'Demo specimens.',
    impressions: [
      signature('ningbo-signature-1.png', 0, 2, 3100, 1, -3),
      signature('ningbo-signature-2.png', 1, 2, 3100, 2, -6),
      signature('ningbo-signature-3.png', 2, 2, 3100, 3, -2),
    ],
  },
  {
    kind: 'signature',
    country: 'CN',
    authority: 'Shanghai Customs of the P.R. China',
    office: 'Certificate of origin section',
    signatory: 'Liu Yang (officer 2200)',
    validFrom: '2024-01-01',
    validTo: null,
    notes: 'Demo specimens.',
    impressions: [signature('shanghai-signature-1.png', 0, 3, 5511, 1, 2), signature('shanghai-signature-2.png', 1, 3, 5511, 2, -1)],
  },
];

async function main(): Promise<void> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage(A4);
  for (const o of owners) for (const imp of o.impressions) await imp.draw(page);
  const tmp = mkdtempSync(join(tmpdir(), 'od-specimens-'));
  try {
    const file = join(tmp, 'sheet.pdf');
    writeFileSync(file, await doc.save());
    let rendered = '';
    await renderDocument(file, 'pdf', undefined, { pagePath: (i, v) => join(tmp, `${i}-${v}.${v === 'full' ? 'png' : 'jpg'}`) }, {
      onTotal: () => undefined,
      onPage: (p) => {
        rendered = join(tmp, `${p.index}-full.png`);
      },
      cancelled: () => false,
    });
    mkdirSync(OUT, { recursive: true });
    for (const o of owners) {
      for (const imp of o.impressions) {
        const [x, y, w, h] = imp.box.map(pt2px).map(Math.round) as [number, number, number, number];
        await sharp(rendered).extract({ left: x, top: y, width: w, height: h }).png().toFile(join(OUT, imp.file));
        process.stdout.write(`${imp.file}\n`);
      }
    }
    const manifest = owners.map(({ impressions, ...o }) => ({ ...o, specimens: impressions.map((i) => ({ file: i.file, dpi: DPI, source: 'demo specimen sheet (generated)' })) }));
    writeFileSync(join(OUT, 'specimens.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
