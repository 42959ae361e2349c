dnl Sensitivities, categories and MLS constraints (MLS builds only).
ifdef(`enable_mls', `
sensitivity s0;
sensitivity s1;
sensitivity s2;
sensitivity s3;
dominance { s0 s1 s2 s3 }
category c0;
category c1;
category c2;
category c3;
category c4;
category c5;
category c6;
category c7;
level s0:c0.c7;
level s1:c0.c7;
level s2:c0.c7;
level s3:c0.c7;

dnl A domain may only move to a label it dominates, unless it is trusted.
mlsconstrain domain transition
	((h1 dom h2) and ((l1 eq l2) or (t1 == mls_priv)));

dnl Reading state of another domain needs dominance.
mlsconstrain domain { getdomaininfo getvcpuinfo getvcpucontext getaddrsize getaffinity }
	((l1 dom l2) or (t1 == mls_priv));

dnl Changing another domain needs the same level.
mlsconstrain domain { pause unpause resume destroy shutdown setvcpucontext setdomainmaxmem }
	((l1 eq l2) or (t1 == mls_priv));

dnl Event channels and grants: no flow between incomparable levels.
mlsconstrain event { bind send }
	((l1 eq l2) or (t1 == mls_priv) or (t2 == mls_priv));
mlsconstrain grant { map_read copy }
	((l1 dom l2) or (t1 == mls_priv));
mlsconstrain grant { map_write }
	((l1 eq l2) or (t1 == mls_priv));
')
