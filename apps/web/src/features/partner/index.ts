export { hasReferralRecords, ReferralRecords } from './components/ReferralRecords';
