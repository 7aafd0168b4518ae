/**
 * `origindesk` — the desk from a terminal, for scripting and batch work. Same Desk services and
 * the same validated API as the UI; `--json` for machines, plain lines for people, progress on
 * stderr, non-zero exit with a clear message when something could not be done.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { DeskCallError, MAX_UPLOAD_BYTES, type Document } from '../../contract/api.ts';
import type { ExtractedField, LineItem } from '../../contract/fields.ts';
import { defaultDataDir } from '../config.ts';
import { seedDemo } from '../demo.ts';
import { DeskError, toErrorInfo } from '../errors.ts';
import { demoAssetsDir, rendererDir } from '../paths.ts';
import { Desk } from '../service.ts';
import { startWebServer } from '../web/server.ts';
import sharp from 'sharp';
import type { MarkKind } from '../../contract/forensics.ts';
import { verifyMark, type MarkImageRef } from '../authenticate/engine.ts';

const USAGE = `OriginDesk — document-forensics desk for customs

Usage: origindesk <command> [options]

Commands:
  web [--port N] [--demo]                 serve the desk UI and API on 127.0.0.1 (web mode)
  cases [--search TEXT]                   list cases
  new-case --declaration NO --port PORT [--date YYYY-MM-DD] [--notes TEXT]
                                          create a case and print its id
  show CASE_ID                            a case with its documents and pages
  ingest FILE... --case CASE_ID [--password PW]
                                          store and process documents (PDF, TIFF, PNG, JPEG)
  extract FILE|FOLDER... [--case CASE_ID] [--password PW]
                                          classify documents and extract their fields: type,
                                          fields (value, confidence, page box) and page text;
                                          without --case a throw-away desk is used
  demo                                    create the demo case from assets/demo
  detect-marks PAGE_OR_PDF... [--crops DIR]
                                          find stamps and signatures: kind, page, box (page px),
                                          ink colour, confidence; --crops writes their crops
  verify QUERY_IMAGE SPECIMEN_IMAGE... --kind stamp|signature [--dpi N] [--specimen-dpi N]
         [--evidence DIR]                 compare a questioned crop with each specimen: score
                                          0-100, band, reasons, measures; --evidence writes the
                                          overlay, heat map and side-by-side PNGs
  identify QUERY_IMAGE --kind stamp|signature [--dpi N] [--top K]
                                          search the desk's specimen library (1:N)

Options for every command:
  --data-dir DIR    data folder (default: $ORIGINDESK_DATA_DIR or the per-user folder)
  --json            machine-readable output on stdout
  -h, --help        this help
`;

class UsageError extends Error {}

const options = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  port: { type: 'string' },
  demo: { type: 'boolean', default: false },
  search: { type: 'string' },
  case: { type: 'string' },
  password: { type: 'string' },
  declaration: { type: 'string' },
  date: { type: 'string' },
  notes: { type: 'string' },
  'open-hint': { type: 'boolean', default: false },
  kind: { type: 'string' },
  dpi: { type: 'string' },
  'specimen-dpi': { type: 'string' },
  evidence: { type: 'string' },
  crops: { type: 'string' },
  top: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];



function out(values: Values, json: unknown, human: () => string): void {
  process.stdout.write(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${human()}\n`);
}

const describeDoc = (d: Document) =>
  `${d.status.padEnd(14)} ${d.fileName}  [${d.fileType}, ${d.pageTotal ?? '?'} p]` +
  (d.error ? `\n    ${d.error.code}: ${d.error.message}` : '') +
  (d.notice ? `\n    note: ${d.notice.message}` : '');

async function ingest(desk: Desk, files: string[], values: Values, opts: { quiet?: boolean } = {}): Promise<number> {
  if (!values.case) throw new UsageError('ingest needs --case CASE_ID (see `origindesk cases`)');
  if (files.length === 0) throw new UsageError('ingest needs at least one FILE');
  const caseId = values.case;
  desk.store.getCase(caseId);
  const progress = desk.onEvent((e) => {
    if (e.type === 'job' && (!values.json || opts.quiet)) {
      const j = e.job;
      const phase = j.status === 'processing' ? ` ${j.phase} ${j.pagesDone}/${j.phaseTotal ?? j.pageTotal ?? '?'}` : '';
      process.stderr.write(`  ${j.fileName}: ${j.status}${phase}\n`);
    }
  });
  const results: { file: string; documentId?: string; duplicateInCase?: boolean; error?: unknown }[] = [];
  for (const file of files) {
    try {
      if (!existsSync(file)) throw new DeskError('not_found', `${file}: no such file`);
      const size = statSync(file).size;
      if (size > MAX_UPLOAD_BYTES) throw new DeskError('too_large', `${file}: ${size} bytes, over the ${MAX_UPLOAD_BYTES} byte limit`);
      const r = await desk.call('documents.ingest', { caseId, fileName: basename(file), data: new Uint8Array(readFileSync(file)) });
      results.push({ file, documentId: r.document.id, duplicateInCase: r.duplicateInCase });
      if (values.password && r.document.status !== 'failed') {
        await desk.queue.idle();
        if (desk.store.getDocument(r.document.id).status === 'needs_password') {
          await desk.call('documents.unlock', { documentId: r.document.id, password: values.password });
        }
      }
    } catch (err) {
      results.push({ file, error: toErrorInfo(err) });
    }
  }
  await desk.queue.idle();
  progress();
  const docs = results.map((r) => ({ ...r, document: r.documentId ? desk.store.getDocument(r.documentId) : undefined }));
  if (opts.quiet) {
    for (const r of docs.filter((d) => !d.document)) process.stderr.write(`origindesk: ${(r.error as { message: string }).message}\n`);
    return docs.some((r) => !r.document || r.document.status !== 'ready') ? 1 : 0;
  }
  out(values, docs.map(({ file, duplicateInCase, error, document }) => ({ file, duplicateInCase, error, document })), () =>
    docs
      .map((r) =>
        r.document
          ? describeDoc(r.document) + (r.duplicateInCase ? '\n    already in this case: nothing added' : '')
          : `error          ${r.file}\n    ${(r.error as { message: string }).message}`,
      )
      .join('\n'),
  );
  const failed = docs.filter((r) => !r.document || r.document.status !== 'ready');
  if (failed.length > 0 && !values.json) process.stderr.write(`${failed.length} of ${docs.length} file(s) not processed\n`);
  return failed.length > 0 ? 1 : 0;
}

/** Files named, and the documents inside folders named (not recursive), in a stable order. */
function expandInputs(inputs: string[]): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    if (existsSync(input) && statSync(input).isDirectory()) {
      for (const name of readdirSync(input).sort()) {
        const path = join(input, name);
        if (/\.(pdf|tiff?|png|jpe?g)$/i.test(name) && statSync(path).isFile()) files.push(path);
      }
    } else files.push(input);
  }
  return files;
}

interface ExtractedDocument {
  file: string;
  status: Document['status'];
  error: Document['error'];
  form: string | null;
  formConfidence: number | null;
  fields: ExtractedField[];
  lineItems: LineItem[];
  pages: { index: number; width: number; height: number; dpi: number; source: string | null; text: string }[];
}

async function extract(desk: Desk, inputs: string[], values: Values): Promise<number> {
  const files = expandInputs(inputs);
  if (files.length === 0) throw new UsageError('extract needs at least one FILE or a FOLDER holding documents');
  const caseId =
    values.case ??
    (await desk.call('cases.create', { declarationNo: 'EXTRACT', port: '-', date: new Date().toISOString().slice(0, 10), notes: 'origindesk extract' })).id;
  const code = await ingest(desk, files, { ...values, case: caseId, json: true }, { quiet: true });
  const documents: ExtractedDocument[] = [];
  for (const d of desk.store.listDocuments(caseId)) {
    const view = await desk.call('documents.record', { documentId: d.id });
    const pages = desk.store.listPages(d.id).map((p) => ({
      index: p.index,
      width: p.width,
      height: p.height,
      dpi: p.dpi,
      source: desk.store.pageTextSource(p.id),
      text: desk.store.pageWords(p.id).map((w) => w.text).join(' '),
    }));
    documents.push({ file: d.fileName, status: d.status, error: d.error, form: view.record?.form ?? null, formConfidence: view.record?.formConfidence ?? null, fields: view.record?.fields ?? [], lineItems: view.record?.lineItems ?? [], pages });
  }
  documents.sort((a, b) => files.findIndex((f) => basename(f) === a.file) - files.findIndex((f) => basename(f) === b.file));
  const findings = await desk.call('cases.findings', { caseId });
  out(values, { documents, findings }, () =>
    [
      ...documents.map((d) =>
        [
          `${d.file}: ${d.form ?? d.status}${d.formConfidence !== null ? ` (${Math.round(d.formConfidence * 100)}%)` : ''}${d.error ? ` — ${d.error.message}` : ''}`,
          ...d.fields
            .filter((f) => f.value !== null || f.status === 'invalid')
            .map((f) => `  ${f.key.padEnd(22)} ${String(f.value ?? '').slice(0, 70).padEnd(70)} ${f.status}${f.note ? ` (${f.note})` : ''}`),
        ].join('\n'),
      ),
      ...findings.map((f) => `! ${f.severity}: ${f.message}`),
    ].join('\n'),
  );
  return code;
}

function markKind(values: Values): MarkKind {
  if (values.kind !== 'stamp' && values.kind !== 'signature') throw new UsageError('--kind must be stamp or signature');
  return values.kind;
}

function dpiOption(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 72 || n > 2400) throw new UsageError(`--${name} ${v} is not a resolution between 72 and 2400`);
  return n;
}

/** The resolution an image file states, else the one given, else 300 (said in the output). */
async function imageRef(file: string, kind: MarkKind, given: number | undefined, id: string): Promise<MarkImageRef & { dpiSource: string }> {
  if (!existsSync(file)) throw new DeskError('not_found', `${file} does not exist`);
  const png = new Uint8Array(readFileSync(file));
  if (png.byteLength === 0) throw new DeskError('empty_file', `${file} is empty (0 bytes)`);
  if (given) return { id, kind, dpi: given, png, dpiSource: 'given' };
  const stated = await sharp(png)
    .metadata()
    .then((m) => m.density)
    .catch(() => undefined);
  return stated && stated >= 72 ? { id, kind, dpi: stated, png, dpiSource: 'file' } : { id, kind, dpi: 300, png, dpiSource: 'assumed' };
}

async function detectMarksCommand(desk: Desk, inputs: string[], values: Values): Promise<number> {
  const files = expandInputs(inputs);
  if (files.length === 0) throw new UsageError('detect-marks needs at least one PAGE image or PDF');
  const caseId = (await desk.call('cases.create', { declarationNo: 'DETECT', port: '-', date: new Date().toISOString().slice(0, 10), notes: 'origindesk detect-marks' })).id;
  const code = await ingest(desk, files, { ...values, case: caseId, json: true }, { quiet: true });
  const results: { file: string; error: Document['error']; marks: { kind: MarkKind; page: number; box: { x: number; y: number; w: number; h: number }; dpi: number; ink: string; confidence: number; note: string }[] }[] = [];
  for (const d of desk.store.listDocuments(caseId)) {
    if (d.status !== 'ready') {
      results.push({ file: d.fileName, error: d.error, marks: [] });
      continue;
    }
    const { marks } = await desk.call('marks.detect', { documentId: d.id });
    if (values.crops) {
      mkdirSync(values.crops, { recursive: true });
      for (const [i, m] of marks.entries()) {
        const { crop } = desk.auth.images(m.id);
        writeFileSync(join(values.crops, `${basename(d.fileName)}.p${m.pageIndex + 1}.${i + 1}-${m.kind}.png`), Buffer.from(crop.split(',')[1]!, 'base64'));
      }
    }
    results.push({
      file: d.fileName,
      error: null,
      marks: marks.map((m) => ({ kind: m.kind, page: m.pageIndex + 1, box: m.box, dpi: m.dpi, ink: m.colour.name, confidence: Math.round(m.confidence * 100) / 100, note: m.note })),
    });
  }
  out(values, results, () =>
    results
      .map((r) =>
        [
          `${r.file}: ${r.error ? r.error.message : `${r.marks.length} mark(s)`}`,
          ...r.marks.map((m) => `  p${m.page} ${m.kind.padEnd(9)} ${m.ink.padEnd(6)} x=${m.box.x} y=${m.box.y} w=${m.box.w} h=${m.box.h}  ${Math.round(m.confidence * 100)}%`),
        ].join('\n'),
      )
      .join('\n'),
  );
  return code;
}

async function verifyCommand(inputs: string[], values: Values): Promise<number> {
  const kind = markKind(values);
  const [queryFile, ...specimenFiles] = inputs;
  if (!queryFile || specimenFiles.length === 0) throw new UsageError('verify needs QUERY_IMAGE and at least one SPECIMEN_IMAGE');
  const query = await imageRef(queryFile, kind, dpiOption(values.dpi, 'dpi'), 'query');
  const results: { specimen: string; outcome: string; score: number | null; band: string | null; reasons: { text: string }[]; [k: string]: unknown }[] = [];
  for (const [i, file] of specimenFiles.entries()) {
    const specimen = await imageRef(file, kind, dpiOption(values['specimen-dpi'], 'specimen-dpi'), `specimen-${i + 1}`);
    const r = await verifyMark(query, [specimen], []);
    let evidence: Record<string, string> | null = null;
    if (values.evidence && r.evidence) {
      mkdirSync(values.evidence, { recursive: true });
      evidence = {};
      for (const name of ['overlay', 'heatmap', 'sideBySide'] as const) {
        const path = join(values.evidence, `${basename(file).replace(/\.[^.]+$/, '')}.${name}.png`);
        writeFileSync(path, r.evidence[name]);
        evidence[name] = path;
      }
    }
    results.push({
      specimen: file,
      specimenDpi: specimen.dpi,
      outcome: r.verdict.outcome,
      score: r.verdict.score,
      band: r.verdict.band,
      reasons: r.verdict.reasons,
      measures: r.verdict.measures,
      alignment: r.verdict.alignment,
      quality: { query: r.verdict.quality.query.issues.map((i) => i.text), specimen: r.verdict.quality.specimen.issues.map((i) => i.text) },
      evidence,
    });
  }
  out(values, { query: queryFile, kind, queryDpi: query.dpi, queryDpiSource: query.dpiSource, results }, () =>
    [
      `${queryFile} (${kind}, ${query.dpi} dpi ${query.dpiSource})`,
      ...results.map((r) =>
        [`  vs ${r.specimen}: ${r.outcome === 'scored' ? `${r.score} % ${r.band}` : r.outcome.replace(/_/g, ' ')}`, ...r.reasons.map((x) => `      - ${x.text}`)].join('\n'),
      ),
    ].join('\n'),
  );
  return 0;
}

async function identifyCommand(desk: Desk, inputs: string[], values: Values): Promise<number> {
  const kind = markKind(values);
  if (!inputs[0]) throw new UsageError('identify needs QUERY_IMAGE');
  const top = values.top ? Number(values.top) : 5;
  if (!Number.isInteger(top) || top < 1 || top > 50) throw new UsageError('--top must be 1..50');
  const query = await imageRef(inputs[0], kind, dpiOption(values.dpi, 'dpi'), 'query');
  const r = await desk.auth.identifyRef(query, top);
  out(values, { query: inputs[0], kind, ...r }, () =>
    r.librarySize === 0
      ? `the specimen library is empty: no ${kind} can be identified`
      : [`${r.librarySize} specimens searched in ${r.elapsedMs} ms`, ...r.candidates.map((c, i) => `  ${i + 1}. ${c.ownerLabel}  (coarse ${c.coarse.toFixed(3)}${c.exact !== null ? `, exact ${c.exact.toFixed(3)}` : ''})`)].join('\n'),
  );
  return 0;
}

async function web(desk: Desk, values: Values): Promise<number> {
  if (values.demo) await seedDemo(desk, demoAssetsDir());
  const dir = rendererDir();
  if (!existsSync(`${dir}/index.html`)) {
    throw new DeskError('not_found', `the UI is not built (${dir}); run \`npm run build\` first`);
  }
  const port = values.port ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${values.port} is not a port number`);
  const srv = await startWebServer({ desk, rendererDir: dir, port });
  process.stdout.write(`OriginDesk web mode: ${srv.url}\n`);
  if (values['open-hint']) process.stdout.write('Open the address above in a browser on this machine. Ctrl+C stops the desk.\n');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await srv.close();
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    process.stderr.write(`origindesk: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  const known = ['web', 'cases', 'new-case', 'show', 'ingest', 'extract', 'demo', 'detect-marks', 'verify', 'identify'];
  if (!known.includes(command)) {
    process.stderr.write(`origindesk: unknown command '${command}'\n\n${USAGE}`);
    return 2;
  }
  // `extract` without --case works in a throw-away desk: nothing lands in the officer's cases.
  // So do `detect-marks` and `verify`: they look at files, not at the officer's cases.
  const throwAway = (command === 'extract' && !values.case) || command === 'detect-marks' || command === 'verify';
  const scratch = throwAway ? mkdtempSync(join(tmpdir(), `origindesk-${command}-`)) : undefined;
  const dataDir = scratch ?? values['data-dir'] ?? defaultDataDir();
  const desk = Desk.open({ dataDir, transport: command === 'web' ? 'web' : 'cli' });
  try {
    switch (command) {
      case 'web':
        return await web(desk, values);
      case 'cases': {
        const cases = await desk.call('cases.list', values.search ? { search: values.search } : {});
        out(values, cases, () =>
          cases.length === 0
            ? 'no cases'
            : cases.map((c) => `${c.id}  ${c.date}  ${c.declarationNo.padEnd(20)} ${c.port}  (${c.documentCount} docs, ${c.pageCount} pages)`).join('\n'),
        );
        return 0;
      }
      case 'new-case': {
        const c = await desk.call('cases.create', {
          declarationNo: values.declaration ?? '',
          port: values.port ?? '',
          date: values.date ?? new Date().toISOString().slice(0, 10),
          notes: values.notes ?? '',
        });
        out(values, c, () => c.id);
        return 0;
      }
      case 'show': {
        if (!rest[0]) throw new UsageError('show needs a CASE_ID');
        const detail = await desk.call('cases.get', { id: rest[0] });
        out(values, detail, () =>
          [`${detail.case.declarationNo}  ${detail.case.port}  ${detail.case.date}`, ...detail.documents.map(describeDoc)].join('\n'),
        );
        return 0;
      }
      case 'ingest':
        return await ingest(desk, rest, values);
      case 'extract':
        return await extract(desk, rest, values);
      case 'detect-marks':
        return await detectMarksCommand(desk, rest, values);
      case 'verify':
        return await verifyCommand(rest, values);
      case 'identify':
        return await identifyCommand(desk, rest, values);
      case 'demo': {
        const id = await seedDemo(desk, demoAssetsDir());
        await desk.queue.idle();
        out(values, { caseId: id }, () => `demo case ${id}`);
        return 0;
      }
    }
    return 2;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`origindesk: ${err.message}\n`);
      return 2;
    }
    const info = err instanceof DeskCallError ? err.info : toErrorInfo(err);
    if (values.json) process.stdout.write(`${JSON.stringify({ error: info }, null, 2)}\n`);
    process.stderr.write(`origindesk: ${info.message}\n`);
    return 1;
  } finally {
    await desk.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
