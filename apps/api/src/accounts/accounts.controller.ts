import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { idParameter } from '../http/field-schemas';
import { AccountsService } from './accounts.service';
import {
  AccountDto,
  AccountPageDto,
  CreateAccountDto,
  ListAccountsQueryDto,
  UpdateAccountDto,
} from './dto/account.dto';

class AccountIdDto extends createZodDto(idParameter) {}

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @ApiOperation({
    summary: "Create a subscriber account with its balance (currency and time zone default to its tenant's)",
  })
  @ZodResponse({ status: 201, type: AccountDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateAccountDto) {
    return this.accounts.create(actor, body);
  }

  @Get()
  @ApiOperation({ summary: "List the accounts of the caller's subtree (an end user: its own account)" })
  @ZodResponse({ type: AccountPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListAccountsQueryDto) {
    return this.accounts.list(actor, query);
  }

  @Get(':id')
  @ZodResponse({ type: AccountDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: AccountIdDto) {
    return this.accounts.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an account; closing it (status "closed") is the usual way to end it' })
  @ZodResponse({ type: AccountDto })
  update(@CurrentActor() actor: Actor, @Param() { id }: AccountIdDto, @Body() body: UpdateAccountDto) {
    return this.accounts.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an account without lines or portal logins (kept for history)' })
  async remove(@CurrentActor() actor: Actor, @Param() { id }: AccountIdDto): Promise<void> {
    await this.accounts.remove(actor, id);
  }
}
