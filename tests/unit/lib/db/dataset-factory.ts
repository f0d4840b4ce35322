/** A tiny, valid Dataset for store tests (not the real release). */
import { DATASET_SCHEMA_VERSION, type Dataset, type Locality, type PfsRow } from '../../../../lib/dataset/types';

export function pfsRow(code: string, modifier = '', totalNonFacility = 1): PfsRow {
  return {
    code, modifier, description: '', status: 'A', notUsedForMedicare: false, workRvu: 1, peNonFacility: 1, nonFacilityNa: false,
    peFacility: 1, facilityNa: false, mpRvu: 0.1, totalNonFacility, totalFacility: totalNonFacility, pctc: '0', globalDays: 'XXX',
    preOp: 0, intraOp: 0, postOp: 0, multProc: '0', bilatSurg: '0', asstSurg: '0', coSurg: '0', teamSurg: '0', pricInd: null,
    endoBase: '', conversionFactor: 33.4009, physSupervision: '09', calcFlag: '', imagingFamily: '', oppsPeNonFacility: 0,
    oppsPeFacility: 0, oppsMp: 0,
  };
}

export function locality(id: Locality['id'], name = 'TEST'): Locality {
  const [mac = '', loc = ''] = id.split('-');
  return { id, mac, locality: loc, state: 'NY', name, stateName: 'NEW YORK', feeScheduleArea: name, counties: 'ALL', workGpci: 1, peGpci: 1, mpGpci: 1, anesCfNonQp: null, anesCfQp: null };
}

export function makeDataset(releaseId: string, codes: string[], opts: { schemaVersion?: number; localities?: Locality[] } = {}): Dataset {
  return {
    schemaVersion: opts.schemaVersion ?? DATASET_SCHEMA_VERSION,
    release: { id: releaseId, year: 2000 + Number(releaseId.slice(3, 5)), quarterName: 'January', released: '', title: releaseId },
    conversionFactors: { nonQp: 33.4009, qp: 33.5675, anesNonQp: null, anesQp: null },
    cptDescriptors: false,
    pfs: codes.map((c, i) => pfsRow(c, '', i + 1)),
    localities: opts.localities ?? [locality('13202-01', 'MANHATTAN'), locality('01112-05', 'SAN FRANCISCO')],
    oppsCap: [{ code: codes[0] ?? '99213', modifier: '', localityId: '13202-01', facility: 10, nonFacility: 12 }],
    hcpcs: [],
    hcpcsModifiers: [],
    clfs: [],
    dmepos: [],
    sources: [],
    report: [],
  };
}
