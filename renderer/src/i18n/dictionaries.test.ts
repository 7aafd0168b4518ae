import { describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS, DOCUMENT_STATUSES, ERROR_CODES, FILE_TYPES } from '../../../contract/api.ts';
import { FIELD_KEYS, FIELD_STATUSES, FORM_TYPES } from '../../../contract/fields.ts';
import { en, type MessageKey } from './en.ts';
import { ko } from './ko.ts';
import { interpolate, translate, translatePlural } from './translate.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n dictionaries', () => {
  it('English and Korean have exactly the same keys', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
  });

  it('has no empty values', () => {
    for (const [lang, dict] of Object.entries({ en, ko })) {
      for (const [key, value] of Object.entries(dict)) {
        expect(value.trim(), `${lang}:${key}`).not.toBe('');
      }
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(placeholders(ko[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('translates every error code, document kind, status, file type, form, field and field status', () => {
    const required = [
      ...ERROR_CODES.map((c) => `error.${c}`),
      ...DOCUMENT_KINDS.map((k) => `doc.kind.${k}`),
      ...DOCUMENT_STATUSES.map((s) => `doc.status.${s}`),
      ...FILE_TYPES.map((f) => `doc.fileType.${f}`),
      ...FORM_TYPES.map((f) => `formType.${f}`),
      ...FIELD_KEYS.map((k) => `field.${k}`),
      ...FIELD_STATUSES.map((s) => `fieldStatus.${s}`),
    ];
    for (const key of required) {
      expect(Object.keys(en), key).toContain(key);
      expect(Object.keys(ko), key).toContain(key);
    }
  });

  it('Korean text is actually Korean where it is prose', () => {
    const hangul = /[\uac00-\ud7a3]/;
    const prose = (Object.keys(ko) as MessageKey[]).filter((k) => /\s/.test(en[k]) && /[a-z]{4}/.test(en[k]));
    const translated = prose.filter((k) => hangul.test(ko[k]));
    // Every sentence-like string should carry Hangul; a few technical ones may not.
    expect(prose.length - translated.length).toBeLessThanOrEqual(2);
    for (const key of ['error.corrupt_file', 'caseList.new', 'caseView.addDocuments'] as const) {
      expect(ko[key]).toMatch(hangul);
    }
  });
});

describe('translate', () => {
  it('fills parameters and keeps unknown ones visible', () => {
    expect(translate('en', 'doc.progress', { done: 2, total: 5 })).toBe('Page 2 of 5');
    expect(translate('ko', 'doc.progress', { done: 2, total: 5 })).toBe('5쪽 중 2쪽');
    expect(interpolate('en', 'a {x} b', {})).toBe('a {x} b');
  });

  it('picks plural forms', () => {
    expect(translatePlural('en', 'doc.pages', 1)).toBe('1 page');
    expect(translatePlural('en', 'doc.pages', 3)).toBe('3 pages');
    expect(translatePlural('ko', 'doc.pages', 3)).toBe('3쪽');
  });
});
