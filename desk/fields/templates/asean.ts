/**
 * ACFTA Form E, AKFTA Form AK and GSP Form A share one grid of numbered boxes (Form A swaps
 * the declaration and the certification). Positions measured on the printed forms.
 */
import type { Template, TemplateField } from './types.ts';

const COLUMNS = { item: [36, 64], marks: [64, 140], desc: [140, 334], crit: [334, 394], weight: [394, 476], invoice: [476, 559] } as const;

function itemFields(withFob: boolean): TemplateField[] {
  return [
    { key: 'item_no', kind: 'item', column: 'item', parse: 'itemNo' },
    { key: 'marks_numbers', kind: 'item', column: 'marks', parse: 'marks' },
    { key: 'goods_description', kind: 'item', column: 'desc', parse: 'goods' },
    { key: 'hs_code', kind: 'item', column: 'desc', parse: 'hs' },
    { key: 'origin_criterion', kind: 'item', column: 'crit', parse: 'origin' },
    { key: 'gross_weight_quantity', kind: 'item', column: 'weight', parse: 'weight' },
    ...(withFob ? [{ key: 'fob_value', kind: 'item', column: 'weight', parse: 'fob' } as TemplateField] : []),
    { key: 'invoice_no', kind: 'item', column: 'invoice', parse: 'invoiceNo' },
    { key: 'invoice_date', kind: 'item', column: 'invoice', parse: 'invoiceDate' },
  ];
}

const COMMON_LABELS = [
  'Reference No.', 'Means of transport and route (as far as known)', 'Departure date', "Vessel's name/Aircraft etc.", 'Port of Discharge',
  'For Official Use', 'Item number', 'Marks and numbers on packages', 'Origin Criteria (see Overleaf Notes)', 'Origin criterion (see Notes overleaf)',
  'Gross weight or other quantity and value (FOB)', 'Number and date of invoices', 'Declaration by the exporter', 'Certification',
  'It is hereby certified, on the basis of control carried out, that the declaration by the exporter is correct.',
  'Place and date, signature and stamp of certifying authority', 'Place and date, signature of authorised signatory', 'authorized',
  '(Country)', '(Importing Party)', '(Importing Country)', '(importing country)', 'Issued in', 'See Notes Overleaf', 'Original',
];

function asean(kind: 'E' | 'AK' | 'A'): Template {
  const form = kind === 'E' ? 'co_form_e' : kind === 'AK' ? 'co_form_ak' : 'co_gsp_form_a';
  const goodsWord = kind === 'E' ? 'Products' : 'Goods';
  const declLeft = kind !== 'A';
  const declX = declLeft ? 36 : 300;
  const certX = declLeft ? 300 : 36;
  const bottom = kind === 'A' ? 800 : 745;
  const importingLabel = kind === 'E' ? '(Importing Party)' : kind === 'AK' ? '(Importing Country)' : '(importing country)';
  const anchors: Template['anchors'] = [
    { phrase: 'Reference No.', at: [306, 45] },
    { phrase: `1. ${goodsWord} consigned from`, at: [40, 42.8] },
    { phrase: `2. ${goodsWord} consigned to`, at: [40, 132.8] },
    { phrase: '3. Means of transport and route', at: [40, 222.8] },
    { phrase: '4. For Official Use', at: [304, 222.8] },
    { phrase: 'Issued in', at: [314, 159] },
    { phrase: '5. Item', at: [39, 322.2] },
    { phrase: '6. Marks and numbers', at: [67, 322.2] },
    { phrase: '7. Number and', at: [143, 322.2] },
    { phrase: '8. Origin', at: [337, 322.2] },
    { phrase: '9. Gross weight', at: [397, 322.2] },
    { phrase: '10. Number and date', at: [479, 322.2] },
    { phrase: declLeft ? '11. Declaration by the exporter' : '12. Declaration by the exporter', at: [declX + 4, 567.8] },
    { phrase: declLeft ? '12. Certification' : '11. Certification', at: [certX + 4, 567.8] },
    { phrase: 'It is hereby certified', at: [certX + 8, 579.8] },
    { phrase: 'The undersigned hereby declares', at: [declX + 8, 579.8] },
  ];
  if (kind !== 'A') {
    anchors.push(
      { phrase: 'Departure date', at: [40, 234.8] },
      { phrase: "Vessel's name/Aircraft etc.", at: [40, 259.8] },
      { phrase: 'Port of Discharge', at: [40, 284.8] },
      { phrase: 'Place and date, signature and stamp of certifying authority', at: [351.9, 722.8] },
      { phrase: 'Place and date, signature of authorised signatory', at: [100.5, 722.8] },
      { phrase: '13.', at: [40, 750.8] },
    );
  } else {
    anchors.push(
      { phrase: 'Place and date, signature and stamp of certifying authority', at: [87.9, 777.8] },
      { phrase: 'Place and date, signature of authorized signatory', at: [364.6, 777.8] },
    );
  }
  const labels = [
    ...COMMON_LABELS,
    `${goodsWord} consigned from (Exporter's business name, address, country)`,
    `${goodsWord} consigned to (Importer's/Consignee's name, address, country)`,
    "Goods consigned to (Consignee's name, address, country)",
    'The undersigned hereby declares that the above details and statement are correct; that all the products were produced in',
    'The undersigned hereby declares that the above details and statements are correct; that all the goods were produced in',
    'and that they comply with the origin requirements specified for these products in the Rules of Origin for the ACFTA for the products exported to',
    'and that they comply with the origin requirements specified for these goods in the Rules of Origin for the Free Trade Area for the goods exported to',
    'and that they comply with the origin requirements specified for those goods in the Generalized System of Preferences for goods exported to',
  ];
  const fields: TemplateField[] = [
    { key: 'reference_no', kind: 'rightOf', anchor: 'Reference No.', box: [300, 38, 559, 62], parse: 'id' },
    { key: 'exporter', kind: 'box', box: [36, 40, 300, 130], parse: 'party' },
    { key: 'consignee', kind: 'box', box: [36, 130, 300, 220], parse: 'party' },
    { key: 'transport_route', kind: 'box', box: [36, 228, 300, 318], parse: 'route' },
    { key: 'departure_date', kind: 'box', box: [36, 228, 300, 318], parse: 'date' },
    { key: 'export_country', kind: 'above', anchor: '(Country)', box: [declX, 588, declX + 264, 622], parse: 'country' },
    { key: 'export_country', kind: 'rightOf', anchor: 'Issued in', box: [300, 148, 559, 166], parse: 'country' },
    { key: 'import_country', kind: 'above', anchor: importingLabel, box: [declX, 634, declX + 264, 668], parse: 'country' },
    ...itemFields(kind !== 'A'),
    { key: 'issuing_authority', kind: 'box', box: [certX, 574, certX + 264, bottom], parse: 'authority' },
    { key: 'certification_place', kind: 'box', box: [certX, 574, certX + 264, bottom], parse: 'certPlace' },
    { key: 'certification_date', kind: 'box', box: [certX, 574, certX + 264, bottom], parse: 'certDate' },
  ];
  return {
    form,
    anchors,
    labels,
    fields,
    items: { area: [36, 358, 559, 563], itemColumn: 'item', columns: COLUMNS, descColumn: 'desc', weightColumn: 'weight' },
  };
}

export const FORM_E = asean('E');
export const FORM_AK = asean('AK');
export const GSP_FORM_A = asean('A');
