// Hand-typed fixture rows and localities for the fee math tests (no pipeline, no CMS files).
import type { ConversionFactors, Locality, LocalityId, PfsRow } from '../../../../lib/dataset/types';

export const CF_2026: ConversionFactors = { nonQp: 33.4009, qp: 33.5675, anesNonQp: 20.49754, anesQp: 20.599835 };

/** A PFS row with neutral defaults; RVU totals are derived when not given. */
export function row(p: Partial<PfsRow> & { code: string }): PfsRow {
  const r: PfsRow = {
    modifier: '',
    description: '',
    status: 'A',
    notUsedForMedicare: false,
    workRvu: 0,
    peNonFacility: 0,
    nonFacilityNa: false,
    peFacility: 0,
    facilityNa: false,
    mpRvu: 0,
    totalNonFacility: 0,
    totalFacility: 0,
    pctc: '0',
    globalDays: 'XXX',
    preOp: 0,
    intraOp: 0,
    postOp: 0,
    multProc: '0',
    bilatSurg: '0',
    asstSurg: '0',
    coSurg: '0',
    teamSurg: '0',
    pricInd: '9',
    endoBase: '',
    conversionFactor: 33.4009,
    physSupervision: '09',
    calcFlag: '0',
    imagingFamily: '99',
    oppsPeNonFacility: 0,
    oppsPeFacility: 0,
    oppsMp: 0,
    ...p,
  };
  if (p.totalNonFacility === undefined) r.totalNonFacility = Math.round((r.workRvu + r.peNonFacility + r.mpRvu) * 100) / 100;
  if (p.totalFacility === undefined) r.totalFacility = Math.round((r.workRvu + r.peFacility + r.mpRvu) * 100) / 100;
  return r;
}

export function locality(id: LocalityId, name: string, state: string, w: number, pe: number, mp: number): Locality {
  const [mac = '', loc = ''] = id.split('-');
  return {
    id,
    mac,
    locality: loc,
    state,
    name,
    stateName: '',
    feeScheduleArea: name,
    counties: '',
    workGpci: w,
    peGpci: pe,
    mpGpci: mp,
    anesCfNonQp: null,
    anesCfQp: null,
  };
}

export const MANHATTAN = locality('13202-01', 'MANHATTAN', 'NY', 1.064, 1.162, 1.586);
export const ALASKA = locality('02102-01', 'ALASKA*', 'AK', 1.5, 1.065, 0.551);
export const REST_OF_CA = locality('01112-75', 'REST OF CALIFORNIA', 'CA', 1.017, 1.096, 0.536);

export const R99213 = row({ code: '99213', description: 'Office o/p est low 20 min', workRvu: 1.3, peNonFacility: 1.46, peFacility: 0.33, mpRvu: 0.09 });
export const R58321 = row({ code: '58321', description: 'Artificial insemination', workRvu: 0.9, peNonFacility: 1.45, peFacility: 0.19, mpRvu: 0.16, globalDays: '000', multProc: '2' });

/** 27447 as in RVU26C: 090 global, NA non-facility, mult 2, bilat 1, asst 2, co 1, team 0. */
export const R27447 = row({
  code: '27447',
  description: 'Total knee arthroplasty',
  workRvu: 19.11,
  peNonFacility: 11.58,
  nonFacilityNa: true,
  peFacility: 11.58,
  mpRvu: 4.02,
  globalDays: '090',
  preOp: 0.1,
  intraOp: 0.69,
  postOp: 0.21,
  multProc: '2',
  bilatSurg: '1',
  asstSurg: '2',
  coSurg: '1',
  teamSurg: '0',
});

/** 70450 global/26/TC (imaging, mult 4, family 88). */
const img = { pctc: '1', multProc: '4', imagingFamily: '88', description: 'Ct head/brain w/o dye' };
export const R70450 = [
  row({ code: '70450', ...img, workRvu: 0.83, peNonFacility: 2.3, peFacility: 2.3, facilityNa: true, mpRvu: 0.06, oppsPeNonFacility: 3.48, oppsPeFacility: 3.48, oppsMp: 0.07 }),
  row({ code: '70450', modifier: '26', ...img, workRvu: 0.83, peNonFacility: 0.3, peFacility: 0.3, mpRvu: 0.05 }),
  row({ code: '70450', modifier: 'TC', ...img, workRvu: 0, peNonFacility: 2.0, peFacility: 2.0, facilityNa: true, mpRvu: 0.01 }),
];
