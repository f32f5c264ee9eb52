import { describeReference, lenmlFile } from './reference.js';

describeReference('llama2 (real tokenizer.json)', lenmlFile('llama2'));
