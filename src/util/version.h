/* version.h: the version of gemis. */
#ifndef GEMIS_VERSION_H
#define GEMIS_VERSION_H

#define GEMIS_VERSION "0.1.0"

#endif
