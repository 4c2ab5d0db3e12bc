import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AppError, PageOf, PageQuery, PlatformErrors, type Page } from '#app/platform';
import { AccessErrors } from '../errors.js';
import { JurisdictionView } from './jurisdiction.view.js';
import { JurisdictionsService } from './jurisdictions.service.js';

function divisionCode(code: string): string {
  if (!/^[0-9]{6}$/.test(code)) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'code', '须为 6 位 GB/T 2260 行政区划代码 / code must be a 6-digit GB/T 2260 code');
  return code;
}

@ApiTags('jurisdictions')
@ApiBearerAuth()
@Controller('jurisdictions')
export class JurisdictionsController {
  constructor(private readonly jurisdictions: JurisdictionsService) {}

  @Get()
  @ApiOperation({ operationId: 'jurisdictions_provinces', summary: 'The provinces (GB/T 2260), by code' })
  @ApiOkResponse({ type: PageOf(JurisdictionView) })
  provinces(@Query() query: PageQuery): Promise<Page<JurisdictionView>> {
    return this.jurisdictions.provinces(query);
  }

  @Get(':code')
  @ApiOperation({ operationId: 'jurisdictions_get', summary: 'One division' })
  @ApiOkResponse({ type: JurisdictionView })
  @ApiErrors(AccessErrors.NOT_FOUND)
  async get(@Param('code') code: string): Promise<JurisdictionView> {
    const found = await this.jurisdictions.find(divisionCode(code));
    if (!found) throw new AppError(AccessErrors.NOT_FOUND);
    return found;
  }

  @Get(':code/children')
  @ApiOperation({ operationId: 'jurisdictions_children', summary: "The divisions directly below one (a province's prefectures, a prefecture's counties), by code" })
  @ApiOkResponse({ type: PageOf(JurisdictionView) })
  @ApiErrors(AccessErrors.NOT_FOUND)
  async children(@Param('code') code: string, @Query() query: PageQuery): Promise<Page<JurisdictionView>> {
    if (!(await this.jurisdictions.find(divisionCode(code)))) throw new AppError(AccessErrors.NOT_FOUND);
    return this.jurisdictions.children(code, query);
  }
}
