export { DiscoveryDto, PoliceHandoverDto } from './intake.dto.js';
export { IntakeModule } from './intake.module.js';
export { IntakeService, type IntakeResult } from './intake.service.js';
export { PoliceHandoverListItem } from './handovers.view.js';
export { IntakeFileView, IntakeResultView } from './intake.view.js';
