import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppError, Clock, PlatformErrors } from '#app/platform';
import { CurrentActor, Roles, type Actor } from '#app/access';
import { CalendarYearDto } from './calendar.dto.js';
import { WorkingCalendar } from './calendar.service.js';
import { CalendarStatusView, CalendarYearLoaded, CalendarYearView } from './calendar.view.js';

/** A year in the path: four digits, and for loading between 2000 and 2100. */
function yearOf(text: string, range?: [number, number]): number {
  const year = Number(text);
  if (!/^\d{4}$/.test(text)) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'year', '年份须为 4 位数字 / year must be 4 digits');
  if (range && (year < range[0] || year > range[1])) {
    throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'year', `年份须在 ${range[0]} 至 ${range[1]} 之间 / year must be between ${range[0]} and ${range[1]}`);
  }
  return year;
}

@ApiTags('follow-up and reminders')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'calendar_status', summary: 'Which years have the official schedule loaded, and which of this year and next (by the clock, in China) do not' })
  @ApiOkResponse({ type: CalendarStatusView })
  async status(): Promise<CalendarStatusView> {
    const today = this.clock.today();
    return { currentYear: Number(today.slice(0, 4)), missing: this.calendar.missingYears(today), years: await this.calendar.loaded() };
  }

  @Get(':year')
  @ApiOperation({ operationId: 'calendar_year', summary: "A year's holidays and 调休 working days, and whether the official schedule is loaded" })
  @ApiOkResponse({ type: CalendarYearView })
  year(@Param('year') year: string): Promise<CalendarYearView> {
    return this.calendar.year(yearOf(year));
  }

  @Put(':year')
  @Roles('administrator')
  @ApiOperation({
    operationId: 'calendar_load_year',
    summary: "Load the State Council's schedule of a year (holidays and 调休 working days), replacing what the year had; audited",
  })
  @ApiOkResponse({ type: CalendarYearLoaded })
  loadYear(@CurrentActor() actor: Actor, @Param('year') year: string, @Body() body: CalendarYearDto): Promise<CalendarYearLoaded> {
    return this.calendar.loadYear(actor, yearOf(year, [2000, 2100]), body);
  }
}
