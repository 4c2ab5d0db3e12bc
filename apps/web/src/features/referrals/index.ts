export { ReferralsTab } from './ReferralsTab';
