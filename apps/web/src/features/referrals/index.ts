export { ReferralsTab } from './ReferralsTab';
export { ReferralTimeline } from './components/ReferralTimeline';
