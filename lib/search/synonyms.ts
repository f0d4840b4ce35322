/**
 * Abbreviations, synonyms and lay terms people type for a service, as data: each entry maps what
 * is typed (`terms`, compared as `compactKey`, so "E/M" = "e&m" = "em") to the words CMS's short
 * descriptors use (`expansion`, searched as words) and the codes that should come first (`codes`,
 * in order; codes absent from the loaded corpus are skipped). Pure data; importable from anywhere.
 *
 * The short descriptors are CMS's abbreviated ones (PPRRVU "DESCRIPTION"), e.g. 80053 is
 * "Comprehen metabolic panel", 99213 "Office o/p est low 20 min": expansions use those words.
 */

export interface Synonym {
  /** What a user types (whole query, or one word of it when `word` is true). */
  terms: readonly string[];
  /** Words to search instead, in the descriptor's own abbreviations. */
  expansion: string;
  /** Codes to rank first, most likely first. */
  codes: readonly string[];
}

export const SYNONYMS: readonly Synonym[] = [
  // Evaluation and management
  { terms: ['E/M', 'E&M', 'E and M', 'EM visit', 'office visit', 'established patient visit', 'est pt visit', 'follow up visit'], expansion: 'office o p est', codes: ['99213', '99214', '99212', '99215'] },
  { terms: ['new patient visit', 'new pt visit', 'new patient'], expansion: 'office o p new', codes: ['99203', '99204', '99202', '99205'] },
  { terms: ['hospital visit', 'subsequent hospital care', 'rounding'], expansion: 'sbsq hosp', codes: ['99232', '99233', '99231'] },
  { terms: ['ED visit', 'ER visit', 'emergency visit', 'emergency room visit'], expansion: 'emergency dept visit', codes: ['99285', '99284', '99283'] },
  { terms: ['AWV', 'annual wellness visit', 'wellness visit'], expansion: 'ppps', codes: ['G0439', 'G0438'] },
  { terms: ['ACP', 'advance care planning'], expansion: 'advncd care plan', codes: ['99497', '99498'] },
  // Reproductive
  { terms: ['IUI', 'intrauterine insemination'], expansion: 'artificial insemination', codes: ['58322'] },
  { terms: ['ICI', 'intracervical insemination'], expansion: 'artificial insemination', codes: ['58321'] },
  { terms: ['C-section', 'C section', 'cesarean section', 'caesarean'], expansion: 'cesarean delivery', codes: ['59510', '59514'] },
  // Orthopaedics
  { terms: ['TKA', 'TKR', 'total knee', 'total knee replacement', 'knee replacement'], expansion: 'total knee arthroplasty', codes: ['27447'] },
  { terms: ['THA', 'THR', 'total hip', 'total hip replacement', 'hip replacement'], expansion: 'total hip arthroplasty', codes: ['27130'] },
  { terms: ['joint injection', 'knee injection', 'arthrocentesis'], expansion: 'drain inj joint bursa', codes: ['20610', '20611'] },
  // Cardiology
  { terms: ['EKG', 'ECG', 'electrocardiogram', '12 lead ekg', '12 lead ecg'], expansion: 'electrocardiogram', codes: ['93000', '93010', '93005'] },
  { terms: ['TTE', 'echo', 'echocardiogram', 'transthoracic echo'], expansion: 'tte doppler', codes: ['93306'] },
  { terms: ['stress test', 'treadmill test'], expansion: 'cv stress test', codes: ['93015', '93017', '93018'] },
  // Lab
  { terms: ['CMP', 'comprehensive metabolic panel', 'chem 14'], expansion: 'comprehen metabolic panel', codes: ['80053'] },
  { terms: ['BMP', 'basic metabolic panel', 'chem 7'], expansion: 'basic metabolic pnl', codes: ['80048'] },
  { terms: ['CBC', 'complete blood count'], expansion: 'complete cbc', codes: ['85025', '85027'] },
  { terms: ['A1C', 'HbA1c', 'hemoglobin a1c'], expansion: 'hemoglobin glycosylated a1c', codes: ['83036'] },
  { terms: ['TSH', 'thyroid stimulating hormone'], expansion: 'assay thyroid stim hormone', codes: ['84443'] },
  { terms: ['lipid profile', 'cholesterol panel'], expansion: 'lipid panel', codes: ['80061'] },
  { terms: ['UA', 'urinalysis'], expansion: 'urinalysis', codes: ['81003', '81002'] },
  { terms: ['blood draw', 'venipuncture', 'phlebotomy'], expansion: 'venipuncture', codes: ['36415'] },
  // GI, imaging, other
  { terms: ['colonoscopy', 'screening colonoscopy'], expansion: 'colonoscopy', codes: ['45378', '45380', '45385'] },
  { terms: ['EGD', 'upper endoscopy', 'upper GI endoscopy'], expansion: 'egd', codes: ['43235', '43239'] },
  { terms: ['CXR', 'chest xray', 'chest x-ray', 'chest x ray'], expansion: 'x ray exam chest', codes: ['71046', '71045'] },
  { terms: ['mammo', 'mammogram', 'screening mammogram'], expansion: 'mammo', codes: ['77067'] },
  { terms: ['DEXA', 'DXA', 'bone density'], expansion: 'dxa bone density', codes: ['77080'] },
  { terms: ['PFT', 'spirometry'], expansion: 'breathing capacity test', codes: ['94010'] },
  { terms: ['flu shot', 'flu vaccine administration'], expansion: 'admin influenza virus vac', codes: ['G0008'] },
  { terms: ['cataract surgery', 'cataract'], expansion: 'xcapsl ctrc rmvl', codes: ['66984'] },
  { terms: ['psychotherapy', 'therapy session'], expansion: 'psytx', codes: ['90837', '90834'] },
];

/**
 * Whole words people type → the abbreviations CMS short descriptors use for them. A query word
 * also matches its aliases (as whole words), so "skin biopsy" finds "Tangntl bx skin single les".
 */
export const WORD_ALIASES: Readonly<Record<string, readonly string[]>> = {
  anesthesia: ['anes', 'anesth'],
  arthroscopy: ['arthrs', 'arthro', 'arthrscp'],
  biopsy: ['bx'],
  cataract: ['ctrc'],
  comprehensive: ['comprehen', 'compre', 'comp'],
  destruction: ['destruct', 'dstrj'],
  diagnostic: ['dx', 'diag'],
  emergency: ['emer', 'er'],
  established: ['est'],
  evaluation: ['eval'],
  examination: ['exam'],
  fracture: ['fx'],
  hospital: ['hosp'],
  injection: ['inj', 'njx'],
  insertion: ['insert', 'insj'],
  management: ['mgmt'],
  office: ['off'],
  outpatient: ['o', 'op'],
  patient: ['pt'],
  procedure: ['px'],
  psychotherapy: ['psytx'],
  reconstruction: ['recon'],
  removal: ['rmvl'],
  repair: ['rpr'],
  replacement: ['replace', 'rplcmt'],
  subsequent: ['sbsq', 'subsq'],
  therapy: ['ther', 'tx'],
  treatment: ['tx', 'treat'],
  ultrasound: ['us'],
  vaccine: ['vacc', 'vac'],
  with: ['w'],
  without: ['wo'],
};
