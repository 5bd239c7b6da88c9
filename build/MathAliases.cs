// Named field and point types for every project that references ComputeAsic.Math (linked in by Directory.Build.props).
global using Bls12377Fq = ComputeAsic.Math.Fields.Fp384<ComputeAsic.Math.Fields.Bls12377FqParams>;
global using Bls12377Fr = ComputeAsic.Math.Fields.Fp256<ComputeAsic.Math.Fields.Bls12377FrParams>;
global using Bls12377G1Affine = ComputeAsic.Math.Curves.Affine<ComputeAsic.Math.Fields.Fp384<ComputeAsic.Math.Fields.Bls12377FqParams>, ComputeAsic.Math.Curves.Bls12377G1>;
global using Bls12377G1Jacobian = ComputeAsic.Math.Curves.Jacobian<ComputeAsic.Math.Fields.Fp384<ComputeAsic.Math.Fields.Bls12377FqParams>, ComputeAsic.Math.Curves.Bls12377G1>;
global using Bls12381Fq = ComputeAsic.Math.Fields.Fp384<ComputeAsic.Math.Fields.Bls12381FqParams>;
global using Bls12381Fr = ComputeAsic.Math.Fields.Fp256<ComputeAsic.Math.Fields.Bls12381FrParams>;
global using Bls12381G1Affine = ComputeAsic.Math.Curves.Affine<ComputeAsic.Math.Fields.Fp384<ComputeAsic.Math.Fields.Bls12381FqParams>, ComputeAsic.Math.Curves.Bls12381G1>;
global using Bls12381G1Jacobian = ComputeAsic.Math.Curves.Jacobian<ComputeAsic.Math.Fields.Fp384<ComputeAsic.Math.Fields.Bls12381FqParams>, ComputeAsic.Math.Curves.Bls12381G1>;
global using Bn254Fq = ComputeAsic.Math.Fields.Fp256<ComputeAsic.Math.Fields.Bn254FqParams>;
global using Bn254Fr = ComputeAsic.Math.Fields.Fp256<ComputeAsic.Math.Fields.Bn254FrParams>;
global using Bn254G1Affine = ComputeAsic.Math.Curves.Affine<ComputeAsic.Math.Fields.Fp256<ComputeAsic.Math.Fields.Bn254FqParams>, ComputeAsic.Math.Curves.Bn254G1>;
global using Bn254G1Jacobian = ComputeAsic.Math.Curves.Jacobian<ComputeAsic.Math.Fields.Fp256<ComputeAsic.Math.Fields.Bn254FqParams>, ComputeAsic.Math.Curves.Bn254G1>;
global using Bn254G1Xyzz = ComputeAsic.Math.Curves.Xyzz<ComputeAsic.Math.Fields.Fp256<ComputeAsic.Math.Fields.Bn254FqParams>, ComputeAsic.Math.Curves.Bn254G1>;
global using Bn254G2Affine = ComputeAsic.Math.Curves.Affine<ComputeAsic.Math.Fields.Bn254Fq2, ComputeAsic.Math.Curves.Bn254G2>;
global using Bn254G2Jacobian = ComputeAsic.Math.Curves.Jacobian<ComputeAsic.Math.Fields.Bn254Fq2, ComputeAsic.Math.Curves.Bn254G2>;
