/*
 * country.h, of country.c: ISO 3166-1 alpha-2 codes, English names, continents.
 */
#ifndef COUNTRY_H
#define COUNTRY_H

#include <stddef.h>

enum continent {
	CONT_AFRICA = 0,
	CONT_AMERICAS,
	CONT_ASIA,
	CONT_EUROPE,
	CONT_OCEANIA,
	CONT__MAX
};

struct country {
	char		 code[3];	/* "BE" */
	const char	*name;		/* English short name */
	enum continent	 continent;
	const char	*iso_name;	/* iso-codes' name if not name, or NULL */
};

extern const struct country	countries[];
extern const size_t		ncountries;	/* sorted by code */
const struct country	*country_find(const char *code);

#endif /* !COUNTRY_H */
