import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBasicAuth, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth-decorators';
import { AuthorizeCallService } from './authorize-call.service';
import { CallEventsService } from './call-events.service';
import {
  AuthorizeCallDto,
  BeginCallDto,
  BeginOutcomeDto,
  CallDecisionDto,
  EndCallDto,
  EndOutcomeDto,
  ReleaseCallDto,
  ReleaseOutcomeDto,
} from './dto/rating-api.dto';
import { RatingApiGuard } from './rating-api.guard';

/**
 * What Kamailio calls for every call (docs/rating-api.md). This declares the routes and documents them;
 * Fastify serves them outside Nest's pipeline with the same guard and body schemas (RatingApiRoutes).
 * Replies are plain objects, not passed through the response schema: this is the hot path, and the
 * services build them to the documented shape.
 */
@ApiTags('rating')
@ApiBearerAuth('kamailio')
@ApiBasicAuth('kamailio-basic')
@Public()
@UseGuards(RatingApiGuard)
@Controller('rating')
export class RatingApiController {
  constructor(
    private readonly authorizer: AuthorizeCallService,
    private readonly events: CallEventsService,
  ) {}

  @Post('authorize')
  @HttpCode(200)
  @ApiOperation({
    summary: 'May this new call go, for how long, via which carriers (Kamailio, initial INVITE)',
  })
  @ApiOkResponse({ type: CallDecisionDto })
  authorize(@Body() body: AuthorizeCallDto) {
    return this.authorizer.authorize(body);
  }

  @Post('begin')
  @HttpCode(200)
  @ApiOperation({ summary: 'The call was answered (idempotent by Call-ID and tags)' })
  @ApiOkResponse({ type: BeginOutcomeDto })
  begin(@Body() body: BeginCallDto) {
    return this.events.begin(body);
  }

  @Post('end')
  @HttpCode(200)
  @ApiOperation({ summary: 'The call ended, any cause: rate and settle it (idempotent by Call-ID and tags)' })
  @ApiOkResponse({ type: EndOutcomeDto })
  end(@Body() body: EndCallDto) {
    return this.events.end(body);
  }

  @Post('release')
  @HttpCode(200)
  @ApiOperation({ summary: 'An authorized call that was never answered: return its reservation' })
  @ApiOkResponse({ type: ReleaseOutcomeDto })
  release(@Body() body: ReleaseCallDto) {
    return this.events.release(body);
  }
}
