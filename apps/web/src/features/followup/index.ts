export { FollowupTab } from './FollowupTab';
