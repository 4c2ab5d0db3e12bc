import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppError, PlatformErrors } from '#app/platform';
import { AccessErrors } from '../errors.js';
import { JurisdictionsService, type JurisdictionView } from './jurisdictions.service.js';

@ApiTags('jurisdictions')
@ApiBearerAuth()
@Controller('jurisdictions')
export class JurisdictionsController {
  constructor(private readonly jurisdictions: JurisdictionsService) {}

  @Get()
  @ApiOperation({ summary: 'The provinces (GB/T 2260)' })
  provinces(): Promise<JurisdictionView[]> {
    return this.jurisdictions.provinces();
  }

  @Get(':code')
  @ApiOperation({ summary: 'One division with the divisions directly below it' })
  async get(@Param('code') code: string): Promise<JurisdictionView & { children: JurisdictionView[] }> {
    if (!/^[0-9]{6}$/.test(code)) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'code', 'code must be a 6-digit GB/T 2260 code');
    const found = await this.jurisdictions.find(code);
    if (!found) throw new AppError(AccessErrors.NOT_FOUND);
    return { ...found, children: await this.jurisdictions.children(code) };
  }
}
