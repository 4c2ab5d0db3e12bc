export { default as HouseholdTab } from './components/HouseholdTab';
