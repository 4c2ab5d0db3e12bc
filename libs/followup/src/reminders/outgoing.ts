import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import nodemailer from 'nodemailer';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, FieldCipher, ProcessorFor, QUEUES, type AppConfig, type OutgoingNotificationPayload, type QueueProcessor } from '#app/platform';

export interface OutgoingMessage {
  notificationId: string;
  recipient: { username: string; displayName: string; email: string | null; mobile: string | null };
  title: string;
  body: string;
  fileReference: string | null;
  createdAt: Date;
}

/** An outgoing channel besides the inbox. Delivery is at least once: receivers dedupe on notificationId. */
export interface NotificationChannel {
  readonly name: string;
  send(message: OutgoingMessage): Promise<void>;
}

class WebhookChannel implements NotificationChannel {
  readonly name = 'webhook';
  constructor(private readonly url: string) {}

  async send(message: OutgoingMessage): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`webhook answered ${response.status}`);
  }
}

class SmtpChannel implements NotificationChannel {
  readonly name = 'smtp';
  private readonly transport: ReturnType<typeof nodemailer.createTransport>;
  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(url);
  }

  async send(message: OutgoingMessage): Promise<void> {
    if (!message.recipient.email) return;
    await this.transport.sendMail({
      from: this.from,
      to: message.recipient.email,
      subject: `[huijia] ${message.title}`,
      text: `${message.recipient.displayName}：\n\n${message.title}\n${message.fileReference ? `档案 / file ${message.fileReference}\n` : ''}${message.body}\n\n(huijia ${message.notificationId})`,
    });
  }
}

export function channelFor(config: AppConfig): NotificationChannel | undefined {
  switch (config.notify.channel) {
    case 'webhook':
      return new WebhookChannel(config.notify.webhookUrl);
    case 'smtp':
      return new SmtpChannel(config.notify.smtpUrl, config.notify.emailFrom);
    case 'none':
      return undefined;
  }
}

/** Sends an inbox notification through the configured channel; a failure is retried with backoff by the queue. */
@Injectable()
@ProcessorFor(QUEUES.outgoingNotifications)
export class OutgoingNotificationSender implements QueueProcessor<OutgoingNotificationPayload> {
  private readonly logger = new Logger('OutgoingNotifications');
  private readonly channel: NotificationChannel | undefined;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {
    this.channel = channelFor(config);
  }

  async process(payload: OutgoingNotificationPayload): Promise<{ sent: boolean }> {
    if (!this.channel) return { sent: false };
    const [row]: {
      title: string;
      body: string;
      created_at: Date;
      username: string;
      display_name: string;
      email_cipher: Buffer | null;
      mobile_cipher: Buffer | null;
      reference: string | null;
    }[] = await this.dataSource.query(
      `SELECT n.title, n.body, n.created_at, u.username, u.display_name, u.email_cipher, u.mobile_cipher, f.reference
           FROM notification n JOIN user_account u ON u.id = n.recipient_user_id LEFT JOIN victim_file f ON f.id = n.file_id WHERE n.id = $1`,
      [payload.notificationId],
    );
    if (!row) return { sent: false };
    await this.channel.send({
      notificationId: payload.notificationId,
      recipient: { username: row.username, displayName: row.display_name, email: this.cipher.open(row.email_cipher), mobile: this.cipher.open(row.mobile_cipher) },
      title: row.title,
      body: row.body,
      fileReference: row.reference,
      createdAt: row.created_at,
    });
    this.logger.debug(`sent ${payload.notificationId} by ${this.channel.name}`);
    return { sent: true };
  }
}
