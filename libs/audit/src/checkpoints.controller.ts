import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '#app/access';
import { CheckpointRequests } from './checkpoints/checkpoint-requests.js';
import { CheckpointRequestedView } from './audit.view.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/checkpoints')
export class CheckpointsController {
  constructor(private readonly requests: CheckpointRequests) {}

  @Post()
  @HttpCode(202)
  @Roles('administrator')
  @ApiOperation({
    operationId: 'audit_checkpoint_request',
    summary:
      "Ask for a signed checkpoint of every audit chain head now, besides the worker's schedule: 202, the worker signs it with the key only it holds (the api has none); audited",
  })
  @ApiAcceptedResponse({ type: CheckpointRequestedView })
  request(@CurrentActor() actor: Actor): Promise<CheckpointRequestedView> {
    return this.requests.request(actor);
  }
}
