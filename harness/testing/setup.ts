// Loaded before every vitest file. @peculiar/x509 needs reflect-metadata before its first import.
import "reflect-metadata";
