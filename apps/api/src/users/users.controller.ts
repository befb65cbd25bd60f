import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { RequirePermission } from '../auth/auth-decorators';
import { Permission } from '../auth/principal';
import { idParameter } from '../http/field-schemas';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, UserDto, UserPageDto } from './dto/user.dto';
import { UsersService } from './users.service';

class UserIdDto extends createZodDto(idParameter) {}

@ApiTags('users')
@ApiBearerAuth()
@RequirePermission(Permission.Admin)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({
    summary:
      "Create a portal login in the caller's tenant or a reseller below it (with accountId: an end user)",
  })
  @ZodResponse({ status: 201, type: UserDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto) {
    return this.users.create(actor, body);
  }

  @Get()
  @ZodResponse({ type: UserPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQueryDto) {
    return this.users.list(actor, query);
  }

  @Get(':id')
  @ZodResponse({ type: UserDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: UserIdDto) {
    return this.users.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a login; disabling it or resetting its password ends its sessions',
  })
  @ZodResponse({ type: UserDto })
  update(@CurrentActor() actor: Actor, @Param() { id }: UserIdDto, @Body() body: UpdateUserDto) {
    return this.users.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: "Delete a login and end its sessions (never one's own, never a tenant's last admin)",
  })
  async remove(@CurrentActor() actor: Actor, @Param() { id }: UserIdDto): Promise<void> {
    await this.users.remove(actor, id);
  }
}
