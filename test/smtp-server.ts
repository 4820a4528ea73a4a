// A real SMTP server for tests (smtp-server on npm) on a loopback port: it keeps every mail it receives, parsed by mailparser.
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { freePort } from '../bench/server-process.ts';

export type Mailbox = {
  port: number;
  url: string;
  mails: ParsedMail[];
  /**
   * While true, a mail's data is read but never acknowledged (a server that hangs mid-delivery); `held`
   * counts such mails. The sender never learns it was accepted, so it is not delivered.
   */
  hold: boolean;
  held: number;
  /** Resolves once `n` mails have arrived (polls; never a timing assertion: vitest's timeout ends a hang). */
  waitFor: (n: number) => Promise<ParsedMail[]>;
  /** Stops listening (the port refuses connections, as a mail server that is down). */
  stop: () => Promise<void>;
  /** Listens again on the same port, keeping the mails received so far. */
  restart: () => Promise<void>;
};

export async function startSmtp(): Promise<Mailbox> {
  const port = await freePort();
  const mails: ParsedMail[] = [];
  let server: SMTPServer | null = null;
  const box = { hold: false, held: 0 };
  const listen = () =>
    new Promise<void>((ok, fail) => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onData(stream, _session, done) {
          simpleParser(stream)
            .then((mail) => {
              if (box.hold) {
                box.held++;
                return;
              }
              mails.push(mail);
              done();
            })
            .catch(done);
        },
      });
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => ok());
    });
  await listen();
  return Object.assign(box, {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitFor(n: number) {
      while (mails.length < n) await new Promise((r) => setTimeout(r, 20));
      return mails;
    },
    stop: () => new Promise<void>((ok) => (server ? server.close(() => ok()) : ok())),
    restart: listen,
  });
}

export type Received = { headers: IncomingMessage['headers']; body: unknown };

/** A local HTTP receiver standing in for the messenger's incoming webhook: keeps every JSON body posted to it. */
export async function startWebhookReceiver(): Promise<{ url: string; received: Received[]; stop: () => Promise<void> }> {
  const received: Received[] = [];
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  const port = await freePort();
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${port}/hook`, received, stop: () => new Promise<void>((ok) => server.close(() => ok())) };
}
