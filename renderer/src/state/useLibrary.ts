/**
 * The specimen library: owners (issuing authorities' offices for stamps, authorised signatories
 * for signatures) from `library.owners`, and one owner's reference impressions from
 * `library.specimens`. Specimens come from a mark, a box on an ingested page, or an uploaded crop
 * (binary call, like `documents.ingest`).
 */
import { downloadBase64 } from './download.ts';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiOutput, MarkKind, OwnerInput, Specimen, SpecimenOwner } from '../../../contract/api.ts';
import type { Box } from '../../../contract/fields.ts';
import { call } from './desk.ts';
import { roundBox } from './useMarks.ts';

export type SpecimenWithImage = ApiOutput<'library.specimens'>[number];

export interface OwnerFilter {
  kind?: MarkKind | undefined;
  search: string;
  includeRetired: boolean;
}

export interface OwnersState {
  owners: SpecimenOwner[];
  loaded: boolean;
  reload(): Promise<void>;
  save(input: OwnerInput): Promise<SpecimenOwner>;
  retire(id: string): Promise<SpecimenOwner | null>;
}

export function useOwners(filter: OwnerFilter, onError: (err: unknown) => void): OwnersState {
  const [owners, setOwners] = useState<SpecimenOwner[]>([]);
  const [loaded, setLoaded] = useState(false);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;
  const seq = useRef(0);
  const { kind, search, includeRetired } = filter;

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const list = await call('library.owners', { ...(kind ? { kind } : {}), search: search.trim(), includeRetired });
      if (mine !== seq.current) return;
      setOwners(list);
      setLoaded(true);
    } catch (err) {
      if (mine !== seq.current) return;
      setLoaded(true);
      onErrorRef.current(err);
    }
  }, [kind, search, includeRetired]);

  useEffect(() => {
    void reload();
  }, [reload]);

  /** Throws: the form shows what the desk rejected. */
  const save = useCallback(
    async (input: OwnerInput) => {
      const saved = await call('library.saveOwner', input);
      void reload();
      return saved;
    },
    [reload],
  );

  const retire = useCallback(
    async (id: string) => {
      try {
        const owner = await call('library.retireOwner', { id });
        void reload();
        return owner;
      } catch (err) {
        onErrorRef.current(err);
        return null;
      }
    },
    [reload],
  );

  return { owners, loaded, reload, save, retire };
}

export interface SpecimensState {
  specimens: SpecimenWithImage[];
  loaded: boolean;
  reload(): Promise<void>;
  upload(input: { fileName: string; dpi: number; source: string; data: Uint8Array }): Promise<Specimen | null>;
  retire(id: string): Promise<Specimen | null>;
}

export function useSpecimens(ownerId: string | null, includeRetired: boolean, onError: (err: unknown) => void): SpecimensState {
  const [specimens, setSpecimens] = useState<SpecimenWithImage[]>([]);
  const [loaded, setLoaded] = useState(false);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;
  const seq = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    if (!ownerId) {
      setSpecimens([]);
      setLoaded(true);
      return;
    }
    try {
      const list = await call('library.specimens', { ownerId, includeRetired });
      if (mine !== seq.current) return;
      setSpecimens(list);
      setLoaded(true);
    } catch (err) {
      if (mine !== seq.current) return;
      setLoaded(true);
      onErrorRef.current(err);
    }
  }, [ownerId, includeRetired]);

  useEffect(() => {
    setLoaded(false);
    setSpecimens([]);
    void reload();
  }, [reload]);

  const upload = useCallback<SpecimensState['upload']>(
    async (input) => {
      if (!ownerId) return null;
      try {
        const s = await call('library.uploadSpecimen', { ownerId, ...input });
        void reload();
        return s;
      } catch (err) {
        onErrorRef.current(err);
        return null;
      }
    },
    [ownerId, reload],
  );

  const retire = useCallback(
    async (id: string) => {
      try {
        const s = await call('library.retireSpecimen', { id });
        void reload();
        return s;
      } catch (err) {
        onErrorRef.current(err);
        return null;
      }
    },
    [reload],
  );

  return { specimens, loaded, reload, upload, retire };
}

/** A specimen taken from a mark on record, or cropped from an ingested page. Throws on failure. */
export function addSpecimen(input: { ownerId: string; source: string } & ({ markId: string } | { pageId: string; box: Box })): Promise<Specimen> {
  if ('markId' in input) return call('library.addSpecimen', { ownerId: input.ownerId, source: input.source, markId: input.markId });
  return call('library.addSpecimen', { ownerId: input.ownerId, source: input.source, pageId: input.pageId, box: roundBox(input.box) });
}

// ---------------------------------------------------------------------------
// Inspection report (PDF, base64) as a download

export async function downloadInspectionReport(caseId: string): Promise<string> {
  const file = await call('reports.inspection', { caseId });
  downloadBase64(file);
  return file.fileName;
}
