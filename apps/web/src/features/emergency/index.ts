export { EmergencyBanner } from './components/EmergencyBanner';
