// Renders the two fixed images of the OCR benchmark (npm run bench) into test/data/bench/:
//   letter-crop-1000x300.png   a ~1000×300 crop of a letter (IBAN, client name, diagnosis)
//   chat-1920x1080.png         a full-HD screenshot of a busy chat web app
// They are committed; run this only to change them:  node scripts/make-bench-images.mjs
// Needs Debian's chromium (apt-get install -y chromium) and its DejaVu/Liberation fonts. All content
// is synthetic (the IBAN is the ISO 13616 example, the name one of the corpus' made-up clients).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = fileURLToPath(new URL('../test/data/bench/', import.meta.url));
mkdirSync(out, { recursive: true });

const letter = `<!doctype html><meta charset="utf-8"><style>
  body { margin: 0; width: 1000px; height: 300px; background: #fbfaf7; font: 19px/1.45 'Liberation Serif', serif; color: #1d1d1d; }
  .p { padding: 22px 40px; }
  b { font-weight: 700; }
</style><div class="p">
  <div>Sehr geehrte Frau Müller,</div>
  <div>für Ihren Sohn Jonas Wolf (geb. 14.02.2006) wurde am 03.06.2024 eine mittelgradige depressive</div>
  <div>Episode (F32.1) festgestellt. Die Kostenübernahme für die Therapie ist bewilligt. Die Erstattung</div>
  <div>erfolgt auf das angegebene Konto: <b>IBAN DE89 3704 0044 0532 0130 00</b>, BIC COBADEFFXXX.</div>
  <div>Bitte reichen Sie die Rechnungen bis zum 30.09.2024 ein. Aktenzeichen 51.3-2217/24.</div>
  <div>Mit freundlichen Grüßen, Ihre Krankenkasse – Servicezentrum Köln-Nord</div>
</div>`;

const chats = ['Team Nordstadt', 'Sandra Keller', 'Nachtdienst WG Ahorn', 'Kai Brenner', 'Elternabend Kita', 'Buchhaltung', 'Tobias Lange', 'Fahrdienst', 'Hausmeister', 'Supervision', 'Petra Klein', 'Ferienfreizeit 2024'];
const messages = [
  ['in', 'Tobias', 'Guten Morgen zusammen, kurze Übergabe von der Nacht:', '07:02'],
  ['in', 'Tobias', 'Hr. Karimi hatte um 22 Uhr Blutzucker 48, hat Traubenzucker und ein Brot bekommen. Um 23 Uhr wieder 104.', '07:03'],
  ['out', '', 'Danke! Ich rufe heute beim Diabetologen an, Praxis-Nummer 0221 2298 4410.', '07:10'],
  ['in', 'Sandra', 'Frau Nowak hat den neuen Bescheid geschickt, Auszahlung ab Juli auf DE20 3005 0110 4515 5772 22.', '07:24'],
  ['in', 'Sandra', 'Kann jemand prüfen, ob der Betrag von 1.175,40 € stimmt? Regelbedarf 563,00 € plus Unterkunft.', '07:25'],
  ['out', '', 'Mache ich nach der Teambesprechung. Bitte den Bescheid in die Akte, nicht hier weiterleiten.', '07:31'],
  ['in', 'Kai', 'Jonas Wolf ist bis 21.06. krankgeschrieben, AU liegt im Büro. Diagnose steht drauf, bitte vertraulich.', '08:02'],
  ['in', 'Kai', 'Dienstplan Sommerferien hängt am Whiteboard, Supervision neu ausschreiben steht auf der Liste.', '08:05'],
  ['out', '', 'Alles klar. Wer übernimmt Freitag den Fahrdienst zur Ferienfreizeit? Abfahrt 9:30 Uhr am Rathaus.', '08:12'],
  ['in', 'Sandra', 'Ich kann Freitag fahren, brauche aber die Tankkarte und die Liste mit den Notfallnummern.', '08:15'],
];
const chat = `<!doctype html><meta charset="utf-8"><style>
  * { box-sizing: border-box; }
  body { margin: 0; width: 1920px; height: 1080px; display: flex; font: 15px/1.4 'DejaVu Sans', sans-serif; color: #111b21; background: #eae6df; }
  .side { width: 520px; background: #fff; border-right: 1px solid #d1d7db; }
  .top { height: 60px; background: #f0f2f5; display: flex; align-items: center; padding: 0 18px; font-weight: bold; color: #54656f; }
  .search { margin: 8px 12px; padding: 8px 14px; background: #f0f2f5; border-radius: 8px; color: #667781; }
  .row { display: flex; padding: 12px 16px; border-bottom: 1px solid #f0f2f5; }
  .av { width: 49px; height: 49px; border-radius: 50%; background: #dfe5e7; margin-right: 14px; flex: none; }
  .name { font-size: 17px; }
  .last { color: #667781; font-size: 14px; }
  .main { flex: 1; display: flex; flex-direction: column; }
  .msgs { flex: 1; padding: 20px 80px; display: flex; flex-direction: column; gap: 10px; }
  .m { max-width: 65%; padding: 8px 12px 6px; border-radius: 8px; background: #fff; box-shadow: 0 1px 0.5px rgba(11,20,26,.13); }
  .m.out { align-self: flex-end; background: #d9fdd3; }
  .who { color: #1fa855; font-weight: bold; font-size: 14px; }
  .t { color: #667781; font-size: 12px; text-align: right; }
  .input { height: 62px; background: #f0f2f5; padding: 10px 20px; }
  .input div { background: #fff; border-radius: 8px; height: 42px; padding: 10px 14px; color: #667781; }
</style>
<div class="side"><div class="top">Chats</div><div class="search">Suchen oder neuen Chat beginnen</div>
${chats.map((c, i) => `<div class="row"><div class="av"></div><div><div class="name">${c}</div><div class="last">${['Danke, bis morgen!', 'Foto', 'Tobias: Übergabe folgt', 'Ok, passt', 'Termin steht', 'Rechnung anbei'][i % 6]}</div></div></div>`).join('')}
</div>
<div class="main"><div class="top">Nachtdienst WG Ahorn<span style="font-weight:normal;margin-left:12px;font-size:13px">Tobias, Kai, Sandra, Du</span></div>
<div class="msgs">${messages.map(([dir, who, text, time]) => `<div class="m ${dir}">${who ? `<div class="who">${who}</div>` : ''}<div>${text}</div><div class="t">${time}</div></div>`).join('')}</div>
<div class="input"><div>Nachricht eingeben</div></div></div>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none', '--force-color-profile=srgb'] });
try {
  for (const [name, html, width, height] of [
    ['letter-crop-1000x300.png', letter, 1000, 300],
    ['chat-1920x1080.png', chat, 1920, 1080],
  ]) {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    await page.setContent(html);
    await page.screenshot({ path: join(out, name) });
    await page.close();
    console.log(`wrote test/data/bench/${name}`);
  }
} finally {
  await browser.close();
}
