export { CaseModule } from './case.module.js';
export { CaseErrors } from './errors.js';
export type { FilePage, FileView, PartnerFileView } from './files/files.dto.js';
export { FilesService } from './files/files.service.js';
export { CASE_ENTITIES, VictimFileEntity } from './files/victim-file.entity.js';
