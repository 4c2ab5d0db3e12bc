import { IsString, Matches } from 'class-validator';

export class NotificationStreamQuery {
  /** The single-use ticket from POST /me/notifications/stream-tickets (an EventSource cannot send an Authorization header). */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, {
    message: '须为 POST /me/notifications/stream-tickets 取得的 43 位凭证 / must be the 43-character ticket from POST /me/notifications/stream-tickets',
  })
  ticket!: string;
}

/** A short-lived, single-use ticket that opens one notification stream of the caller's login. */
export class StreamTicketView {
  ticket!: string;
  expiresAt!: Date;
}
