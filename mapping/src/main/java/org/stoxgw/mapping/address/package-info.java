/**
 * Address mapping between SIP/SIPS/IM/PRES URIs and JIDs (RFC 7247 §6, XEP-0106, RFC 7622), in
 * direct and gateway-domain mode. Entry point: {@link org.stoxgw.mapping.address.AddressMapper},
 * built from an {@link org.stoxgw.mapping.address.AddressPolicy}; results are
 * {@link org.stoxgw.mapping.address.Mapping} values (mapped, or refused with a reason and the error
 * for either side). Pure functions and immutable values; any thread.
 */
package org.stoxgw.mapping.address;
