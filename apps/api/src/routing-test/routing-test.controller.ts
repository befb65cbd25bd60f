import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { AccountInScopeGuard } from '../accounts/account-in-scope.guard';
import { type Actor, CurrentActor } from '../audit/actor';
import { idParameter } from '../http/field-schemas';
import { RoutingTestDto, RoutingTestQueryDto } from './dto/routing-test.dto';
import { TestRoutingService } from './test-routing.service';

class AccountIdDto extends createZodDto(idParameter) {}

@ApiTags('routing-test')
@ApiBearerAuth()
@Controller('accounts')
export class RoutingTestController {
  constructor(private readonly routing: TestRoutingService) {}

  @Get(':id/routing-test')
  @UseGuards(AccountInScopeGuard)
  @ApiOperation({
    summary:
      'How a call of the account to a number would be routed: sell rate, vendors in order with cost and margin, and why others were left out',
  })
  @ZodResponse({ type: RoutingTestDto })
  test(@CurrentActor() actor: Actor, @Param() { id }: AccountIdDto, @Query() query: RoutingTestQueryDto) {
    return this.routing.test(actor, id, query.number, query.at);
  }
}
