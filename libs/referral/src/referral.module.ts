import { Module } from '@nestjs/common';
import { CaseCoreModule } from '#app/case';
import { FollowupCoreModule } from '#app/followup';
import { ReferralNotifications } from './notify/referral-notifications.js';
import { ConsentController } from './consent/consent.controller.js';
import { ConsentService } from './consent/consent.service.js';
import { InboxController } from './inbox/inbox.controller.js';
import { InboxQueryService } from './inbox/inbox.query.js';
import { ReferralLifecycle } from './lifecycle.js';
import { ContributionsService } from './records/contributions.service.js';
import { KindRecordsService } from './records/kind-records.service.js';
import { NotesService } from './records/notes.service.js';
import { ReferralRecordsController } from './records/records.controller.js';
import { RespondController } from './respond/respond.controller.js';
import { RespondService } from './respond/respond.service.js';
import { SchoolingController } from './schooling/schooling.controller.js';
import { UnenrolledQuery } from './schooling/unenrolled.query.js';
import { CreateReferralService } from './send/create-referral.service.js';
import { EditDraftService } from './send/edit-draft.service.js';
import { SendController } from './send/send.controller.js';
import { SendService } from './send/send.service.js';
import { ReferralDeadlines } from './shared/deadlines.js';
import { ReferralScopes } from './shared/scopes.js';
import { ReferralViewsQuery } from './views/referral-views.query.js';
import { ReferralViewsController } from './views/views.controller.js';
import { ReferralViewsService } from './views/views.service.js';

/**
 * Referrals to partners and their kinds (R12–R16, R18, R19), by use case:
 * send (create, edit a draft, send, withdraw), consent, inbox, respond (accept, decline,
 * start, complete), records (notes, assessments, enrolments, support),
 * schooling (R14) and the views of both sides; every touch of a file through
 * the kernel, the lifecycle a table validated at boot.
 */
@Module({
  imports: [CaseCoreModule, FollowupCoreModule],
  // Order matters: GET /referrals/inbox is registered before GET /referrals/:id.
  controllers: [SendController, ConsentController, InboxController, ReferralViewsController, RespondController, ReferralRecordsController, SchoolingController],
  providers: [
    ReferralLifecycle,
    ReferralScopes,
    ReferralDeadlines,
    ReferralViewsQuery,
    ReferralViewsService,
    CreateReferralService,
    EditDraftService,
    SendService,
    ConsentService,
    InboxQueryService,
    RespondService,
    NotesService,
    KindRecordsService,
    ContributionsService,
    UnenrolledQuery,
  ],
  exports: [ReferralLifecycle, ReferralViewsService],
})
export class ReferralModule {}

/** The worker side: the referrals' moves in the inbox of those they concern. */
@Module({
  imports: [FollowupCoreModule],
  providers: [ReferralNotifications],
})
export class ReferralWorkerModule {}
