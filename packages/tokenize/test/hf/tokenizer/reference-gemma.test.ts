import { describeReference, lenmlFile } from './reference.js';

describeReference('gemma (real tokenizer.json)', lenmlFile('gemma'));
