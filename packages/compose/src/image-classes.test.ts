import { describe, expect, it } from 'vitest';
import { classForImage, parseImageRef } from './image-classes';

describe('classForImage', () => {
  it('reads the repository off registry, namespace, tag and digest', () => {
    expect(parseImageRef('registry.example.com:5000/library/postgres:16@sha256:abc')).toEqual({ repository: 'postgres', tag: '16' });
    expect(classForImage('docker.io/library/php:8.2-fpm')).toBe('web-php');
    expect(classForImage('mysql')).toBe('mariadb');
    expect(classForImage('HAProxy:2.8')).toBe('halb');
  });

  it('has no class for an unknown image, nor for names of Object.prototype', () => {
    expect(classForImage('python:3.12')).toBeUndefined();
    expect(classForImage('constructor')).toBeUndefined();
    expect(classForImage('__proto__')).toBeUndefined();
  });
});
