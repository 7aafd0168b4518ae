/** The layout templates of the forms the desk knows. */
import type { FormType } from '../../../contract/fields.ts';
import { FORM_AK, FORM_E, GSP_FORM_A } from './asean.ts';
import { EUR1 } from './eur1.ts';
import { GENERIC_CO } from './generic-co.ts';
import { RCEP } from './rcep.ts';
import type { Template } from './types.ts';

export const TEMPLATES: Partial<Record<FormType, Template>> = {
  co_form_e: FORM_E,
  co_form_ak: FORM_AK,
  co_gsp_form_a: GSP_FORM_A,
  co_rcep: RCEP,
  co_eur1: EUR1,
  co_generic: GENERIC_CO,
};

export type { Template } from './types.ts';
