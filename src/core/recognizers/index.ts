// The registry: every recognizer, in the order they run. Add new ones here (and a rules/<id>.json).
import type { Recognizer } from '../types.js';
import { ibanRecognizer } from './iban.js';
import { creditCardRecognizer } from './credit-card.js';
import { taxIdRecognizer } from './tax-id.js';
import { kvnrRecognizer } from './kvnr.js';
import { emailRecognizer } from './email.js';
import { phoneRecognizer } from './phone.js';
import { clientNameRecognizer } from './client-name.js';
import { personNameRecognizer } from './person-name.js';
import { healthRecognizer } from './health.js';

export const RECOGNIZERS: Recognizer[] = [clientNameRecognizer, personNameRecognizer, healthRecognizer,
  ibanRecognizer, creditCardRecognizer, taxIdRecognizer, kvnrRecognizer, emailRecognizer, phoneRecognizer];
