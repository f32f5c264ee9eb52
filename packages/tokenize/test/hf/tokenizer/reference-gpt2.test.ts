import { describeReference, lenmlFile } from './reference.js';

describeReference('gpt2 (real tokenizer.json)', lenmlFile('gpt2'));
